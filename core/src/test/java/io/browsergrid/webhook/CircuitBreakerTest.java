package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final String DEAD = "https://dead.example:443";
  private static final String ALIVE = "https://alive.example:443";

  private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final CircuitBreaker breaker = new CircuitBreaker(clock);

  @Test
  void opensAfterFiveFailuresInARowForThatEndpointOnly() {
    failTimes(DEAD, 4);
    assertThat(breaker.allows(DEAD)).isTrue();

    breaker.failed(DEAD);

    assertThat(breaker.allows(DEAD)).isFalse();
    assertThat(breaker.allows(ALIVE)).isTrue();
  }

  @Test
  void aSuccessResetsTheCount() {
    failTimes(DEAD, 4);
    breaker.succeeded(DEAD);
    failTimes(DEAD, 4);

    assertThat(breaker.allows(DEAD)).isTrue();
  }

  @Test
  void afterThirtySecondsOneTrialGoesThroughAndItsSuccessCloses() {
    failTimes(DEAD, 5);
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.allows(DEAD)).isFalse();

    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.allows(DEAD)).as("the trial").isTrue();
    assertThat(breaker.allows(DEAD)).as("only one trial at a time").isFalse();

    breaker.succeeded(DEAD);
    assertThat(breaker.allows(DEAD)).isTrue();
    assertThat(breaker.allows(DEAD)).isTrue();
  }

  @Test
  void aFailedTrialReopensThirtySecondsLongerEachTimeUpToTenMinutes() {
    failTimes(DEAD, 5);
    Duration open = Duration.ofSeconds(30);
    for (int round = 0; round < 25; round++) {
      clock.advance(open.minusSeconds(1));
      assertThat(breaker.allows(DEAD)).as("still open after %s", open.minusSeconds(1)).isFalse();
      clock.advance(Duration.ofSeconds(1));
      assertThat(breaker.allows(DEAD)).as("half-open after %s", open).isTrue();
      breaker.failed(DEAD);
      open = open.plusSeconds(30).compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : open.plusSeconds(30);
    }
    assertThat(open).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void failuresReportedWhileOpenDoNotExtendIt() {
    failTimes(DEAD, 5);
    clock.advance(Duration.ofSeconds(20));
    failTimes(DEAD, 3);

    clock.advance(Duration.ofSeconds(10));
    assertThat(breaker.allows(DEAD)).isTrue();
  }

  @Test
  void aTrialThatNeverReportsBackFreesTheSlotAfterAMinute() {
    failTimes(DEAD, 5);
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.allows(DEAD)).isTrue();

    clock.advance(Duration.ofSeconds(59));
    assertThat(breaker.allows(DEAD)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.allows(DEAD)).isTrue();
  }

  @Test
  void forgetsIdleEndpointsAndCapsHowManyItRemembers() {
    failTimes(DEAD, 5);
    clock.advance(Duration.ofMinutes(61));
    assertThat(breaker.allows(ALIVE)).isTrue();
    assertThat(breaker.size()).isZero();
    assertThat(breaker.allows(DEAD)).isTrue();

    CircuitBreaker small = new CircuitBreaker(clock, 3);
    for (int i = 0; i < 10; i++) {
      small.failed("http://host" + i + ":80");
    }
    assertThat(small.size()).isEqualTo(3);
  }

  private void failTimes(String endpoint, int times) {
    for (int i = 0; i < times; i++) {
      breaker.failed(endpoint);
    }
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
