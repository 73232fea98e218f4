package io.browsergrid.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides what follows a delivery attempt. 2xx is delivered. 408, 429, 5xx and no answer at all are retried after 5 s,
 * 30 s, 2 min, 10 min, 30 min, 1 h and then every 3 h (each ±20%), or after the receiver's {@code Retry-After} (at
 * least 1 s, at most 3 h) when it sends one; the last retry falls at the latest 24 h after the first attempt, and a
 * failure after that is dead. Any other status (3xx, since redirects are not followed, and the other 4xx) and a
 * refused target are dead at once. Pure apart from the random jitter; thread-safe when the random generator is (a
 * {@link java.security.SecureRandom} or {@link java.util.Random} is).
 */
public final class RetryPolicy {
  static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
      Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));
  static final Duration THEN_EVERY = Duration.ofHours(3);
  static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
  static final Duration SHORTEST_RETRY_AFTER = Duration.ofSeconds(1);
  static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(3);
  static final double JITTER = 0.2;

  private final RandomGenerator random;

  public RetryPolicy(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** What to do next with a delivery. */
  public record Decision(Delivery.State state, Instant retryAt, String reason) {
    public Decision {
      Objects.requireNonNull(state, "state");
      if ((state == Delivery.State.PENDING) != (retryAt != null)) {
        throw new IllegalArgumentException("a retry, and only a retry, has a time");
      }
    }

    /** The receiver took it; stop. */
    public static Decision delivered() {
      return new Decision(Delivery.State.DELIVERED, null, null);
    }

    /** Try again at {@code at}. */
    public static Decision retryAt(Instant at) {
      return new Decision(Delivery.State.PENDING, Objects.requireNonNull(at, "at"), null);
    }

    /** Give up, for {@code reason}, which the subscriber may read. */
    public static Decision dead(String reason) {
      return new Decision(Delivery.State.DEAD, null, Objects.requireNonNull(reason, "reason"));
    }
  }

  /**
   * What follows {@code attempt}.
   *
   * @param attemptNumber which attempt it was, from 1
   * @param firstAttemptAt when the first attempt was made; retries stop 24 h after it
   * @param now the time of the decision, normally just after the attempt
   * @throws IllegalArgumentException when {@code attemptNumber} is below 1
   */
  public Decision decide(Attempt attempt, int attemptNumber, Instant firstAttemptAt, Instant now) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
    Objects.requireNonNull(now, "now");
    if (attemptNumber < 1) {
      throw new IllegalArgumentException("attempts count from 1: " + attemptNumber);
    }
    int status = attempt.status();
    if (status >= 200 && status < 300) {
      return Decision.delivered();
    }
    if (attempt.refused()) {
      return Decision.dead(attempt.error());
    }
    if (!retryable(status)) {
      return Decision.dead(status >= 300 && status < 400
          ? "HTTP " + status + ": redirects are not followed"
          : "HTTP " + status + ": the receiver rejected the delivery");
    }
    Instant deadline = firstAttemptAt.plus(GIVE_UP_AFTER);
    if (!now.isBefore(deadline)) {
      return Decision.dead("gave up after " + attemptNumber + " attempts over 24 h; the last got "
          + (attempt.answered() ? "HTTP " + status : attempt.error()));
    }
    Instant next = now.plus(delay(attempt, attemptNumber));
    // one last try at the deadline rather than none, so retries span the full 24 h
    return Decision.retryAt(next.isAfter(deadline) ? deadline : next);
  }

  private static boolean retryable(int status) {
    return status == 0 || status == 408 || status == 429 || (status >= 500 && status < 600);
  }

  private Duration delay(Attempt attempt, int attemptNumber) {
    Duration asked = attempt.retryAfter();
    if (asked != null) {
      // the receiver named its time, so no jitter; the bounds stop both hammering and stalling
      if (asked.compareTo(SHORTEST_RETRY_AFTER) < 0) {
        return SHORTEST_RETRY_AFTER;
      }
      return asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
    }
    Duration base = attemptNumber <= SCHEDULE.size() ? SCHEDULE.get(attemptNumber - 1) : THEN_EVERY;
    double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
    return Duration.ofMillis(Math.round(base.toMillis() * factor));
  }
}
