package io.browsergrid.standalone;

import io.browsergrid.cleanup.Cleanup;
import io.browsergrid.pool.PoolKeeper;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the core's {@code cleanup} function, and the store's garbage collection, on a fixed interval. */
final class CleanupLoop implements AutoCloseable {
  private static final Logger LOG = System.getLogger(CleanupLoop.class.getName());

  /** How often pools are checked between cleanups: a claimed browser is replaced within this (or at once). */
  private static final Duration POOL_INTERVAL = Duration.ofMillis(250);
  private final Cleanup cleanup;
  private final SqliteKeyValueStore store;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "browsergrid-cleanup");
    t.setDaemon(true);
    return t;
  });

  CleanupLoop(Cleanup cleanup, SqliteKeyValueStore store, Clock clock) {
    this.cleanup = cleanup;
    this.store = store;
    this.clock = clock;
  }

  /** Starts the cleanup schedule, and a faster one that keeps the warm pools topped up. */
  void start(Duration interval, PoolKeeper pools) {
    timer.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> {
      try {
        pools.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "pool top-up failed", e);
      }
    }, 0, POOL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    try {
      Cleanup.Report report = cleanup.run();
      store.deleteExpired(clock.instant());
      if (report.didSomething()) {
        LOG.log(Level.INFO, "cleanup: ended " + report.sessions().ended() + " sessions, stopped "
            + report.sessions().orphansStopped() + " orphan browsers, freed " + report.sessions().slotsFreed()
            + " slots, queued " + report.eventsRequeued() + " events again");
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
