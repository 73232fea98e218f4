package io.browsergrid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's caps on pools, warm browsers, webhooks and API keys hold when 24 creates race: exactly as many succeed
 * as the cap allows, every other one is a 409 naming the cap, and deleting one makes room for exactly one more.
 */
class TenantQuotaRaceTest {
  private static final int RACERS = 24;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private BrowserGridCore core;
  private String admin;

  @BeforeEach
  void tenant() {
    core = TestCores.start(new InMemoryKeyValueStore(), new FakeBrowserProvider(), 50, 0, 2, executor);
    TestCores.Reply created = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/tenants",
        "{\"name\":\"racer\",\"maxPools\":3,\"maxWarmBrowsers\":4,\"maxWebhooks\":3,\"maxApiKeys\":5}");
    assertThat(created.status()).isEqualTo(201);
    admin = created.json().get("adminKey").asText();
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void racingPoolCreatesGetExactlyTheCap() throws Exception {
    List<Integer> statuses = race(i -> () -> TestCores.call(core, admin, "PUT", "/v1/pools/p" + i,
        "{\"minIdle\":0,\"maxSessions\":2}").status());
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(RACERS - 3);
    assertThat(TestCores.call(core, admin, "GET", "/v1/pools", null).json().get("items"))
        .filteredOn(p -> p.get("name").asText().startsWith("p")).hasSize(3);
  }

  @Test
  void racingWarmBrowserRequestsStayWithinTheCap() throws Exception {
    List<Integer> statuses = race(i -> () -> TestCores.call(core, admin, "PUT", "/v1/pools/w" + (i % 3),
        "{\"minIdle\":" + (1 + i % 2) + ",\"maxSessions\":4}").status());
    assertThat(statuses).contains(200);
    int warm = 0;
    for (var pool : TestCores.call(core, admin, "GET", "/v1/pools", null).json().get("items")) {
      if (pool.get("name").asText().startsWith("w")) {
        warm += pool.get("minIdle").asInt();
      }
    }
    assertThat(warm).as("minIdle of the tenant's pools together").isLessThanOrEqualTo(4);
  }

  @Test
  void racingWebhookCreatesGetExactlyTheCapAndADeleteMakesRoomForOne() throws Exception {
    List<Integer> statuses = race(i -> () -> TestCores.call(core, admin, "POST", "/v1/webhooks",
        "{\"url\":\"http://127.0.0.1:9/hook" + i + "\",\"events\":[\"session.running\"]}").status());
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(RACERS - 3);
    var hooks = TestCores.call(core, admin, "GET", "/v1/webhooks", null).json().get("items");
    assertThat(hooks).hasSize(3);
    assertThat(TestCores.call(core, admin, "DELETE", "/v1/webhooks/" + hooks.get(0).get("id").asText(), null)
        .status()).isEqualTo(204);
    List<Integer> again = race(i -> () -> TestCores.call(core, admin, "POST", "/v1/webhooks",
        "{\"url\":\"http://127.0.0.1:9/again" + i + "\",\"events\":[\"session.running\"]}").status());
    assertThat(again).filteredOn(s -> s == 201).hasSize(1);
  }

  @Test
  void racingKeyCreatesGetExactlyTheCap() throws Exception {
    List<Integer> statuses = race(i -> () -> TestCores.call(core, admin, "POST", "/v1/api-keys",
        "{\"name\":\"k" + i + "\",\"role\":\"member\"}").status());
    // the admin key the tenant was made with is one of its five
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(RACERS - 4);
    assertThat(TestCores.call(core, admin, "GET", "/v1/api-keys", null).json().get("items")).hasSize(5);
  }

  private List<Integer> race(IntFunction<Callable<Integer>> racer) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      Callable<Integer> call = racer.apply(i);
      results.add(executor.submit(() -> {
        go.await();
        return call.call();
      }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) {
      statuses.add(f.get());
    }
    return statuses;
  }
}
