package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrency limits hold under racing creates: the store's atomic write decides, not luck. */
class LimitsIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  @Test
  void twentyConcurrentCreatesAgainstALimitOfThree() throws Exception {
    Api tenant = server.api().newTenant("limits", 3);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(pool.submit(() -> {
        go.await();
        return tenant.post("/v1/sessions", "{}");
      }));
    }
    go.countDown();
    List<Api.Reply> created = new ArrayList<>();
    List<Api.Reply> refused = new ArrayList<>();
    for (Future<Api.Reply> f : replies) {
      Api.Reply r = f.get();
      (r.status() == 201 ? created : refused).add(r);
    }
    pool.shutdown();
    assertThat(created).hasSize(3);
    assertThat(created).allSatisfy(r -> assertThat(r.json().get("status").asText()).isEqualTo("running"));
    assertThat(refused).hasSize(17).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.header("Retry-After")).matches("[0-9]+");
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    });

    String first = created.get(0).json().get("id").asText();
    assertThat(tenant.delete("/v1/sessions/" + first).status()).isEqualTo(200);
    Api.Reply afterRelease = tenant.post("/v1/sessions", "{}");
    assertThat(afterRelease.status()).as("a released slot is free again").isEqualTo(201);

    for (var s : tenant.get("/v1/sessions?status=running").json().get("items")) {
      tenant.delete("/v1/sessions/" + s.get("id").asText());
    }
  }

  @Test
  void theServerLimitHoldsAcrossTenants() {
    try (ServerFixture small = new ServerFixture(java.util.Map.of("BROWSERGRID_MAX_SESSIONS", "1"))) {
      Api a = small.api().newTenant("a", 5);
      Api b = small.api().newTenant("b", 5);
      Api.Reply first = a.post("/v1/sessions", "{}");
      assertThat(first.status()).isEqualTo(201);
      Api.Reply second = b.post("/v1/sessions", "{}");
      assertThat(second.status()).isEqualTo(429);
      assertThat(second.json().get("detail").asText()).contains("server");
      a.delete("/v1/sessions/" + first.json().get("id").asText());
      Api.Reply third = b.post("/v1/sessions", "{\"wait\":false}");
      assertThat(third.status()).isEqualTo(201);
      assertThat(third.json().get("status").asText()).isEqualTo("pending");
      b.delete("/v1/sessions/" + third.json().get("id").asText());
    }
  }
}
