package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Role;
import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.cleanup.Cleanup;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim/cleanup race, run in a loop on real SQLite: warm creates claim pool browsers while cleanup passes (the
 * reaper's orphan sweep and the pool keeper) run back to back on another thread. Cleanup never stops a browser that
 * is running (an orphan it stops is one a release stopped after the pass listed it), no session fails, and every warm
 * session is still running two whole passes after its create.
 */
class WarmClaimCleanupRaceIT {
  private static final int ROUNDS = 300;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void cleanupNeverStopsABrowserAWarmCreateClaimed() throws Exception {
    FakeBrowserProvider browsers = new FakeBrowserProvider();
    AtomicReference<Thread> cleanupThread = new AtomicReference<>();
    ExecutorService executor = Executors.newCachedThreadPool();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong passes = new AtomicLong();
    try (SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("browsergrid.db"))) {
      BrowserGridCore core = TestCores.start(store, browsers, 50, 2, 4, executor);
      Principal operator = new Principal(Tenant.DEFAULT_ID, Role.OPERATOR, "race");
      Cleanup cleanup = core.cleanup();
      Future<?> cleaner = executor.submit(() -> {
        cleanupThread.set(Thread.currentThread());
        while (!stop.get()) {
          cleanup.run();
          passes.incrementAndGet();
        }
        return null;
      });

      int warm = 0;
      for (int round = 0; round < ROUNDS; round++) {
        Session session = core.sessions().create(operator, new NewSession("default", 300, 0, BrowserOptions.DEFAULT,
            Map.of(), true, false));
        assertThat(session.status()).as("round " + round).isEqualTo(SessionStatus.RUNNING);
        BrowserHandle browser = new BrowserHandle(session.browserId(), session.browserRef());
        if (!session.browserId().equals(session.id())) {
          warm++;
        }
        long seen = passes.get();
        until(() -> passes.get() >= seen + 2 || cleaner.isDone(), "two cleanup passes after round " + round);
        assertThat(browsers.state(browser).phase()).as("the browser of round " + round + " after two passes")
            .isEqualTo(BrowserState.Phase.RUNNING);
        assertThat(core.sessions().get(operator, session.id()).status()).as("round " + round)
            .isEqualTo(SessionStatus.RUNNING);
        core.sessions().release(operator, session.id());
      }
      stop.set(true);
      cleaner.get();
      assertThat(warm).as("rounds that claimed a warm browser").isGreaterThan(ROUNDS / 2);
      assertThat(browsers.stops()).as("running browsers cleanup stopped")
          .noneMatch(s -> s.by() == cleanupThread.get() && s.wasRunning());
      core.pools().drainAll();
    } finally {
      stop.set(true);
      executor.shutdownNow();
    }
    assertThat(browsers.running()).as("browsers left after the pools drained").isZero();
  }

  private static void until(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      // the poll's pace, not a wait for anything: the condition is what ends it
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }
}
