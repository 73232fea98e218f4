package io.browsergrid.browser.fargate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How {@link FargateBrowserProvider} waits between polls and retries; tests pass one that only records. */
@FunctionalInterface
interface FargatePause {
  /** The real one: the calling thread sleeps. */
  FargatePause SLEEP = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  void pause(Duration duration) throws InterruptedException;
}
