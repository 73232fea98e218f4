package io.browsergrid.browser.cloudrun;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How {@link CloudRunBrowserProvider} waits between polls and retries; tests pass one that only records. */
@FunctionalInterface
interface CloudRunPause {
  /** The real one: the calling thread sleeps. */
  CloudRunPause SLEEP = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  void pause(Duration duration) throws InterruptedException;
}
