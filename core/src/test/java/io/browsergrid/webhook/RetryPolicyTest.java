package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  /** nextDouble() is 0.5: no jitter. */
  private static final RandomGenerator MIDDLE = () -> Long.MIN_VALUE;
  /** nextDouble() is 0: the most negative jitter. */
  private static final RandomGenerator LOWEST = () -> 0L;
  /** nextDouble() is just under 1: the most positive jitter. */
  private static final RandomGenerator HIGHEST = () -> -1L;
  private static final Instant FIRST = Instant.parse("2025-03-01T12:00:00Z");
  private static final List<Duration> EXPECTED = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
      Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
      Duration.ofHours(3), Duration.ofHours(3));

  private final RetryPolicy policy = new RetryPolicy(MIDDLE);

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 204, 299})
  void twoHundredsAreDelivered(int status) {
    assertThat(policy.decide(Attempt.answered(status, null), 1, FIRST, FIRST))
        .isEqualTo(RetryPolicy.Decision.delivered());
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 301, 302, 307, 308, 400, 401, 403, 404, 405, 410, 413, 422})
  void redirectsAndOtherClientErrorsAreDeadAtOnce(int status) {
    RetryPolicy.Decision decision = policy.decide(Attempt.answered(status, Duration.ofSeconds(5)), 1, FIRST, FIRST);

    assertThat(decision.state()).isEqualTo(Delivery.State.DEAD);
    assertThat(decision.retryAt()).isNull();
    assertThat(decision.reason()).startsWith("HTTP " + status);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 408, 429, 500, 502, 503, 504, 599})
  void timeoutsThrottlingServerErrorsAndNoAnswerAreRetried(int status) {
    Attempt attempt = status == 0 ? Attempt.failed("connection refused") : Attempt.answered(status, null);

    RetryPolicy.Decision decision = policy.decide(attempt, 1, FIRST, FIRST);

    assertThat(decision.state()).isEqualTo(Delivery.State.PENDING);
    assertThat(decision.retryAt()).isEqualTo(FIRST.plusSeconds(5));
  }

  @Test
  void aRefusedTargetIsDeadAtOnce() {
    RetryPolicy.Decision decision =
        policy.decide(Attempt.refused("x resolves to 10.0.0.1, a private address"), 1, FIRST, FIRST);

    assertThat(decision.state()).isEqualTo(Delivery.State.DEAD);
    assertThat(decision.reason()).isEqualTo("refused: x resolves to 10.0.0.1, a private address");
  }

  @Test
  void followsTheScheduleThenEveryThreeHours() {
    List<Duration> delays = new ArrayList<>();
    for (int n = 1; n <= EXPECTED.size(); n++) {
      delays.add(delay(policy, n));
    }

    assertThat(delays).isEqualTo(EXPECTED);
  }

  @Test
  void jittersEachDelayByAtMostTwentyPercent() {
    for (int n = 1; n <= EXPECTED.size(); n++) {
      long base = EXPECTED.get(n - 1).toMillis();
      assertThat(delay(new RetryPolicy(LOWEST), n).toMillis()).isEqualTo(Math.round(base * 0.8));
      assertThat(delay(new RetryPolicy(HIGHEST), n).toMillis()).isBetween(Math.round(base * 1.2) - 1,
          Math.round(base * 1.2));
    }
  }

  @Test
  void retriesForTwentyFourHoursWithALastTryAtTheDeadlineThenGivesUp() {
    Instant deadline = FIRST.plus(Duration.ofHours(24));
    Instant now = FIRST;
    int attempt = 1;
    RetryPolicy.Decision decision = policy.decide(Attempt.answered(503, null), attempt, FIRST, now);
    while (decision.state() == Delivery.State.PENDING) {
      assertThat(decision.retryAt()).isAfter(now).isBeforeOrEqualTo(deadline);
      now = decision.retryAt();
      attempt++;
      decision = policy.decide(Attempt.answered(503, null), attempt, FIRST, now);
    }

    assertThat(now).as("the last try falls on the deadline").isEqualTo(deadline);
    assertThat(attempt).isEqualTo(15);
    assertThat(decision.state()).isEqualTo(Delivery.State.DEAD);
    assertThat(decision.reason()).contains("15 attempts").contains("24 h").contains("HTTP 503");
  }

  @Test
  void aFailureAfterTwentyFourHoursIsDead() {
    RetryPolicy.Decision decision =
        policy.decide(Attempt.failed("connect timed out"), 9, FIRST, FIRST.plus(Duration.ofHours(24)).plusSeconds(1));

    assertThat(decision.state()).isEqualTo(Delivery.State.DEAD);
    assertThat(decision.reason()).contains("connect timed out");
  }

  @Test
  void honoursRetryAfterWithoutJitterWithinOneSecondAndThreeHours() {
    Instant now = FIRST.plusSeconds(40);
    RetryPolicy jittery = new RetryPolicy(HIGHEST);

    assertThat(jittery.decide(Attempt.answered(503, Duration.ofMinutes(20)), 2, FIRST, now).retryAt())
        .as("longer than the schedule").isEqualTo(now.plus(Duration.ofMinutes(20)));
    assertThat(jittery.decide(Attempt.answered(429, Duration.ofSeconds(2)), 3, FIRST, now).retryAt())
        .as("shorter than the schedule").isEqualTo(now.plusSeconds(2));
    assertThat(jittery.decide(Attempt.answered(503, Duration.ZERO), 1, FIRST, now).retryAt())
        .as("at least a second").isEqualTo(now.plusSeconds(1));
    assertThat(jittery.decide(Attempt.answered(503, Duration.ofHours(10)), 1, FIRST, now).retryAt())
        .as("at most three hours").isEqualTo(now.plus(Duration.ofHours(3)));
    assertThat(jittery.decide(Attempt.answered(503, Duration.ofHours(3)), 1, FIRST, FIRST.plus(Duration.ofHours(23)))
        .retryAt()).as("never past the deadline").isEqualTo(FIRST.plus(Duration.ofHours(24)));
  }

  @Test
  void attemptsCountFromOne() {
    assertThatThrownBy(() -> policy.decide(Attempt.answered(503, null), 0, FIRST, FIRST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Duration delay(RetryPolicy policy, int attemptNumber) {
    Instant now = FIRST.plusSeconds(1);
    RetryPolicy.Decision decision = policy.decide(Attempt.answered(500, null), attemptNumber, FIRST, now);
    assertThat(decision.state()).isEqualTo(Delivery.State.PENDING);
    return Duration.between(now, decision.retryAt());
  }
}
