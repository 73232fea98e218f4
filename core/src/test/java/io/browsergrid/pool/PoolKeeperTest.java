package io.browsergrid.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.Eventually;
import io.browsergrid.TestCores;
import io.browsergrid.TestCores.Reply;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Warm pools on the fake provider: the keeper fills them, a claim takes a warm browser, a top-up replaces it. */
class PoolKeeperTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeBrowserProvider browsers = new FakeBrowserProvider();
  private final BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), browsers, 10, 2, 2, executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void theKeeperFillsAPoolToItsMinIdleAndNoFurther() {
    fill(2);

    core.pools().run();
    core.pools().run();

    assertThat(browsers.started()).isEqualTo(2);
    assertThat(pool().path("starting").asInt()).isZero();
  }

  @Test
  void tendsRacingEachOtherStartNoSpare() throws Exception {
    browsers.holdStarts();
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(8);
    java.util.List<java.util.concurrent.Future<?>> tends = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tends.add(executor.submit(() -> {
        together.await();
        core.pools().run();
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> tend : tends) {
      tend.get();
    }
    browsers.releaseStarts();
    fill(2);

    assertThat(browsers.started()).as("8 tends at once, minIdle 2").isEqualTo(2);
  }

  @Test
  void aCreateClaimsAWarmBrowserAndTheKeeperTopsThePoolUp() {
    fill(2);

    Reply created = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{}");

    assertThat(created.json().path("status").asText()).isEqualTo("running");
    assertThat(core.metrics().render()).contains("browsergrid_pool_claims_total{pool=\"default\",result=\"hit\"} 1");
    assertThat(pool().path("busy").asInt()).isEqualTo(1);
    fill(2);
    assertThat(browsers.started()).as("two warm, one claimed").isEqualTo(3);
  }

  @Test
  void anIdleBrowserThatDiedIsReplaced() {
    fill(2);
    String dead = browsers.list().get(0).browserId();
    browsers.crash(dead);

    Eventually.until("the pool to hold 2 live idle browsers again", () -> {
      core.pools().run();
      return browsers.running() == 2 && pool().path("idle").asInt() == 2;
    });
    assertThat(browsers.list()).extracting(b -> b.browserId()).doesNotContain(dead);
  }

  @Test
  void deletingAPoolStopsItsIdleBrowsers() {
    assertThat(TestCores.call(core, TestCores.OPERATOR_KEY, "PUT", "/v1/pools/extra",
        "{\"minIdle\":1,\"maxSessions\":5}").status()).isEqualTo(200);
    Eventually.until("both pools to fill", () -> {
      core.pools().run();
      return pool().path("idle").asInt() == 2 && idle("extra") >= 1 && browsers.running() >= 3;
    });
    int defaults = pool().path("idle").asInt();

    assertThat(TestCores.call(core, TestCores.OPERATOR_KEY, "DELETE", "/v1/pools/extra", null).status())
        .isEqualTo(204);

    Eventually.until("the deleted pool's browsers to stop", () -> browsers.running() == defaults);
    assertThat(browsers.stops()).isNotEmpty();
    assertThat(pool().path("idle").asInt()).as("the default pool keeps its own").isEqualTo(2);
  }

  private void fill(int idle) {
    Eventually.until("the default pool to hold " + idle + " idle browsers", () -> {
      core.pools().run();
      return pool().path("idle").asInt() == idle;
    });
  }

  private int idle(String name) {
    return TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/pools/" + name, null).json().path("idle").asInt();
  }

  private com.fasterxml.jackson.databind.JsonNode pool() {
    return TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/pools/default", null).json();
  }
}
