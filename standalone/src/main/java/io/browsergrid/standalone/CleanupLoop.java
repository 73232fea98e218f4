package io.browsergrid.standalone;

import io.browsergrid.session.SessionReaper;
import io.browsergrid.store.SqliteKeyValueStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the core's cleanup pass, and the store's garbage collection, on a fixed interval. */
final class CleanupLoop implements AutoCloseable {
  private static final Logger LOG = System.getLogger(CleanupLoop.class.getName());

  private final SessionReaper reaper;
  private final SqliteKeyValueStore store;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "browsergrid-cleanup");
    t.setDaemon(true);
    return t;
  });

  CleanupLoop(SessionReaper reaper, SqliteKeyValueStore store, Clock clock) {
    this.reaper = reaper;
    this.store = store;
    this.clock = clock;
  }

  void start(Duration interval) {
    timer.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    try {
      SessionReaper.Report report = reaper.run();
      store.deleteExpired(clock.instant());
      if (report.ended() + report.orphansStopped() + report.slotsFreed() > 0) {
        LOG.log(Level.INFO, "cleanup: ended " + report.ended() + " sessions, stopped " + report.orphansStopped()
            + " orphan browsers, freed " + report.slotsFreed() + " slots");
      }
    } catch (RuntimeException e) {
      // one failed pass must not stop the next
      LOG.log(Level.WARNING, "cleanup pass failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
