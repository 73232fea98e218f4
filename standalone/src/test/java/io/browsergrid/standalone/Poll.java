package io.browsergrid.standalone;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (never a fixed sleep): tests synchronise on facts, not on time. */
final class Poll {
  /**
   * How long a session may take to run before the server itself gives up on it: its longest wait for a turn to start
   * (30 s by default), its start timeout (60 s) and a margin. Waits on browsers use this, never a guess at how fast
   * this machine starts Chromium.
   */
  static final Duration START_DEADLINE = Duration.ofSeconds(120);

  private Poll() {}

  static void until(Duration deadline, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  static <T> T value(Duration deadline, String what, Supplier<T> supplier, java.util.function.Predicate<T> done) {
    Object[] last = new Object[1];
    until(deadline, what, () -> {
      T v = supplier.get();
      last[0] = v;
      return done.test(v);
    });
    @SuppressWarnings("unchecked")
    T result = (T) last[0];
    return result;
  }
}
