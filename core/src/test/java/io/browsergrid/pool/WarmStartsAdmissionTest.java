package io.browsergrid.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Warm top-ups wait their turn in the same start line as cold creates: two pools that each start two browsers at
 * once run no more than the admission bound (2) together, the rest queue, and all become idle once starts finish.
 */
class WarmStartsAdmissionTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch finish = new CountDownLatch(1);
  private final AtomicInteger starting = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  @AfterEach
  void stop() {
    finish.countDown();
    executor.shutdownNow();
  }

  @Test
  void warmStartsOfEveryPoolTogetherStayWithinTheBound() {
    FakeBrowserProvider browsers = new FakeBrowserProvider();
    BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), gated(browsers), 50, 3, 2, executor);
    assertThat(TestCores.call(core, TestCores.OPERATOR_KEY, "PUT", "/v1/pools/extra",
        "{\"minIdle\":3,\"maxSessions\":5}").status()).isEqualTo(200);
    core.pools().run();

    // each pool starts two at once; a second tend racing the first (the put's own) may add one more
    until(() -> starting.get() == 2 && core.startQueue().counts().queued() >= 2,
        "2 browsers starting and the others waiting");
    assertThat(mostAtOnce.get()).as("browsers starting at once").isEqualTo(2);

    finish.countDown();
    until(() -> {
      core.pools().run();
      return idle(core, "default") >= 3 && idle(core, "extra") >= 3;
    }, "both pools to fill");
    assertThat(mostAtOnce.get()).as("browsers starting at once, all along").isLessThanOrEqualTo(2);
    assertThat(browsers.running()).isGreaterThanOrEqualTo(6);
  }

  private static int idle(BrowserGridCore core, String pool) {
    return TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/pools/" + pool, null).json().get("idle").asInt();
  }

  /** The fake, but each start waits for {@link #finish} before it answers, and starts at once are counted. */
  private BrowserProvider gated(FakeBrowserProvider browsers) {
    return new BrowserProvider() {
      @Override
      public String name() {
        return browsers.name();
      }

      @Override
      public BrowserHandle start(BrowserSpec spec) {
        mostAtOnce.accumulateAndGet(starting.incrementAndGet(), Math::max);
        return browsers.start(spec);
      }

      @Override
      public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
        try {
          finish.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        starting.decrementAndGet();
        return browsers.awaitReady(handle, timeout);
      }

      @Override
      public BrowserState state(BrowserHandle handle) {
        return browsers.state(handle);
      }

      @Override
      public void stop(BrowserHandle handle) {
        browsers.stop(handle);
      }

      @Override
      public List<BrowserHandle> list() {
        return browsers.list();
      }
    };
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
