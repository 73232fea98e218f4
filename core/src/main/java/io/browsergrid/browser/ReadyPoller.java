package io.browsergrid.browser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@link BrowserProvider#awaitReady} for providers whose browsers start elsewhere (a cloud's containers): reads the
 * state, and while it is {@code STARTING} waits and reads again, first after {@code firstPoll}, each wait doubling
 * up to {@code maxPoll}, never past the timeout. Thread-safe.
 */
public final class ReadyPoller {
  /** How the poller waits; a provider's tests pass one that only records, or advances their clock. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final Duration firstPoll;
  private final Duration maxPoll;
  private final Clock clock;
  private final Pause pause;

  public ReadyPoller(Duration firstPoll, Duration maxPoll, Clock clock, Pause pause) {
    this.firstPoll = firstPoll;
    this.maxPoll = maxPoll;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * The first state {@code state} reads that is not {@code STARTING}, or the last one read once {@code timeout}
   * has passed or the thread was interrupted (its interrupt flag then set again). Throws what {@code state} throws.
   */
  public BrowserState await(Supplier<BrowserState> state, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Duration wait = firstPoll;
    while (true) {
      BrowserState now = state.get();
      Duration left = Duration.between(clock.instant(), deadline);
      if (now.phase() != BrowserState.Phase.STARTING || left.isNegative() || left.isZero()) {
        return now;
      }
      try {
        pause.pause(wait.compareTo(left) < 0 ? wait : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
      Duration doubled = wait.multipliedBy(2);
      wait = doubled.compareTo(maxPoll) < 0 ? doubled : maxPoll;
    }
  }

  /**
   * The wait before attempt {@code failedAttempt + 1} of a call retried with jittered exponential backoff: 200 ms
   * doubling up to 2 s, each jittered down by up to half, so that many calls refused together do not retry together.
   */
  public static Duration backOff(int failedAttempt) {
    long ceiling = Math.min(2_000, 200L << Math.min(failedAttempt - 1, 10));
    return Duration.ofMillis(ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }
}
