package io.browsergrid.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A reading of the store (the census behind a gauge) taken at most once per {@code maxAge}, however often it is asked
 * for: scrapes at any rate, from any number of clients, cost one reading per period, and concurrent askers wait for
 * the one reading in progress instead of each taking their own.
 */
public final class RecentReading<T> implements Supplier<T> {
  private final Supplier<T> reading;
  private final Duration maxAge;
  private final Clock clock;
  private T value;
  private Instant takenAt;

  public RecentReading(Supplier<T> reading, Duration maxAge, Clock clock) {
    this.reading = reading;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** The last reading when it is younger than {@code maxAge}, else a new one. Throws what the reading throws. */
  @Override
  public synchronized T get() {
    Instant now = clock.instant();
    if (takenAt == null || !now.isBefore(takenAt.plus(maxAge))) {
      value = reading.get();
      takenAt = now;
    }
    return value;
  }
}
