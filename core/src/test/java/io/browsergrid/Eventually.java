package io.browsergrid;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a fact with a deadline, never a fixed sleep. The deadline is generous: work on the in-memory doubles
 * finishes in milliseconds, so only a broken test waits that long.
 */
public final class Eventually {
  /** How long a fact about the doubles may take to become true. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private Eventually() {}

  /** Returns once {@code condition} holds; fails naming {@code what} past {@link #DEADLINE}. */
  public static void until(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
      }
      // the poll's pace, not a wait for anything: the condition is what ends it
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }
}
