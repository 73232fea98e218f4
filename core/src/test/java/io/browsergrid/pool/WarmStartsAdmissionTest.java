package io.browsergrid.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Warm top-ups wait their turn in the same start line as cold creates (the fake's starts held open until released): two pools that each start two browsers at
 * once run no more than the admission bound (2) together, the rest queue, and all become idle once starts finish.
 */
class WarmStartsAdmissionTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeBrowserProvider browsers = new FakeBrowserProvider();

  @AfterEach
  void stop() {
    browsers.releaseStarts();
    executor.shutdownNow();
  }

  @Test
  void warmStartsOfEveryPoolTogetherStayWithinTheBound() {
    browsers.holdStarts();
    BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), browsers, 50, 3, 2, executor);
    assertThat(TestCores.call(core, TestCores.OPERATOR_KEY, "PUT", "/v1/pools/extra",
        "{\"minIdle\":3,\"maxSessions\":5}").status()).isEqualTo(200);
    core.pools().run();

    // each pool starts two at once; the put's own tend and this pass may each start some before the line fills
    until(() -> browsers.startingNow() == 2 && core.startQueue().counts().queued() >= 2,
        "2 browsers starting and the others waiting");
    assertThat(browsers.mostStartingAtOnce()).as("browsers starting at once").isEqualTo(2);

    browsers.releaseStarts();
    until(() -> {
      core.pools().run();
      return idle(core, "default") >= 3 && idle(core, "extra") >= 3;
    }, "both pools to fill");
    assertThat(browsers.mostStartingAtOnce()).as("browsers starting at once, all along").isLessThanOrEqualTo(2);
    assertThat(browsers.running()).isGreaterThanOrEqualTo(6);
  }

  private static int idle(BrowserGridCore core, String pool) {
    return TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/pools/" + pool, null).json().get("idle").asInt();
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
