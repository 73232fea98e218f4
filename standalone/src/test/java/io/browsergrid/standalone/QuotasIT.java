package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every quota of a tenant, as the tenant meets it over the API; deleting a tenant takes away what it held. */
class QuotasIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  private static Api tenant(String name, String limits) {
    Api.Reply r = server.api().post("/v1/tenants",
        "{\"name\":\"" + name + "\",\"maxConcurrentSessions\":10," + limits + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return server.api().as(r.json().get("adminKey").asText());
  }

  private static void assertQuota(Api.Reply r, String limit) {
    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).endsWith("/problems/quota-reached");
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(limit);
  }

  @Test
  void poolsWarmBrowsersWebhooksAndKeysStopAtTheirQuotasNamingTheLimit() {
    Api t = tenant("quota", "\"maxPools\":1,\"maxWarmBrowsers\":0,\"maxWebhooks\":1,\"maxApiKeys\":2");
    assertThat(t.send("PUT", "/v1/pools/one", "{\"minIdle\":0}").status()).isEqualTo(200);
    assertQuota(t.send("PUT", "/v1/pools/two", "{\"minIdle\":0}"), "maxPools");
    assertQuota(t.send("PUT", "/v1/pools/one", "{\"minIdle\":1}"), "maxWarmBrowsers");
    assertThat(t.send("PUT", "/v1/pools/one", "{\"minIdle\":0,\"maxSessions\":5}").status())
        .as("changing a pool within the quota").isEqualTo(200);

    assertThat(t.post("/v1/webhooks", "{\"url\":\"https://example.com/a\"}").status()).isEqualTo(201);
    assertQuota(t.post("/v1/webhooks", "{\"url\":\"https://example.com/b\"}"), "maxWebhooks");

    assertThat(t.post("/v1/api-keys", "{\"role\":\"member\"}").status()).as("the admin key is the first")
        .isEqualTo(201);
    assertQuota(t.post("/v1/api-keys", "{\"role\":\"member\"}"), "maxApiKeys");

    JsonNode usage = t.get("/v1/usage").json();
    assertThat(usage.get("limits").get("maxPools").asInt()).isEqualTo(1);
    assertThat(usage.get("limits").get("maxApiKeys").asInt()).isEqualTo(2);
    String id = usage.get("tenant").asText();
    Api.Reply raised = server.api().send("PATCH", "/v1/tenants/" + id, "{\"maxPools\":2}");
    assertThat(raised.json().get("maxPools").asInt()).isEqualTo(2);
    assertThat(raised.json().get("maxWebhooks").asInt()).as("a partial change keeps the rest").isEqualTo(1);
    assertThat(t.send("PUT", "/v1/pools/two", "{\"minIdle\":0}").status()).isEqualTo(200);
    assertThat(server.api().post("/v1/tenants", "{\"name\":\"bad-quota\",\"maxPools\":-1}").status()).isEqualTo(400);
  }

  @Test
  void createsBeyondTheRatePerMinuteGet429UntilTheNextMinute() {
    Api t = tenant("rate", "\"maxSessionsPerMinute\":3");
    // start early in a minute, so the three creates and the refused fourth fall in the same one
    Poll.until(Duration.ofSeconds(70), "a minute with time left", () -> Instant.now().getEpochSecond() % 60 < 40);
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Api.Reply r = t.post("/v1/sessions", "{\"wait\":false}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        ids.add(r.json().get("id").asText());
      }
      Api.Reply refused = t.post("/v1/sessions", "{\"wait\":false}");
      assertThat(refused.status()).as(refused.body()).isEqualTo(429);
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
      assertThat(refused.json().get("detail").asText()).contains("3 session creates this minute");
    } finally {
      ids.forEach(id -> t.delete("/v1/sessions/" + id));
    }
  }

  @Test
  void deletingATenantStopsItsWarmBrowsersRemovesItsKeysAndAnswers404Again() {
    Api t = tenant("leaving", "\"maxWarmBrowsers\":1");
    assertThat(t.send("PUT", "/v1/pools/warm", "{\"minIdle\":1}").status()).isEqualTo(200);
    Poll.value(Poll.START_DEADLINE, "a warm browser", () -> t.get("/v1/pools/warm").json(),
        p -> p.get("idle").asInt() == 1);
    assertThat(server.chromiumProcesses()).isPositive();
    String id = t.get("/v1/usage").json().get("tenant").asText();

    assertThat(server.api().delete("/v1/tenants/" + id).status()).isEqualTo(204);
    assertThat(t.get("/v1/usage").status()).as("its keys are gone").isEqualTo(401);
    Poll.until(Poll.START_DEADLINE, "its warm browser to stop", () -> server.chromiumProcesses() == 0);
    assertThat(server.api().delete("/v1/tenants/" + id).status()).isEqualTo(404);
    assertThat(server.api().get("/v1/pools").json().get("items")).extracting(p -> p.get("name").asText())
        .doesNotContain("warm");
  }
}
