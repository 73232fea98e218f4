package io.browsergrid.admission;

import java.time.Duration;

/**
 * How cold starts are admitted.
 *
 * @param maxStarting  cold starts that may run at once across the deployment ({@code BROWSERGRID_MAX_STARTING})
 * @param maxQueueWait the longest a new create may expect to wait for its turn, at the measured start rate, before it
 *                     is refused with 429 ({@code BROWSERGRID_MAX_QUEUE_SECONDS})
 */
public record AdmissionSettings(int maxStarting, Duration maxQueueWait) {
  /** Cold starts at once when nothing is configured: as many as the machine has cores, at least 2. */
  public static int defaultMaxStarting(int cores) {
    return Math.max(2, cores);
  }

  /** @throws IllegalArgumentException when {@code maxStarting} is below 1 or the wait is not positive */
  public AdmissionSettings {
    if (maxStarting < 1) {
      throw new IllegalArgumentException("maxStarting must be at least 1");
    }
    if (maxQueueWait == null || maxQueueWait.isNegative() || maxQueueWait.isZero()) {
      throw new IllegalArgumentException("maxQueueWait must be positive");
    }
  }
}
