package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A start line longer than the server drains in BROWSERGRID_MAX_QUEUE_SECONDS refuses creates with 429. */
class AdmissionRefusalIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_MAX_STARTING", "1",
      "BROWSERGRID_MAX_QUEUE_SECONDS", "1"));

  @Test
  void aBurstBeyondWhatTheLineTakesIsRefusedWithRetryAfterAndTheRestRun() throws Exception {
    Api tenant = server.api().newTenant("queue-full", 10);
    List<String> ids = new ArrayList<>();
    try {
      List<Api.Reply> refused = new ArrayList<>();
      for (Api.Reply r : Burst.creates(tenant, 10, "{\"wait\":false}")) {
        if (r.status() == 201) {
          ids.add(r.json().get("id").asText());
        } else {
          refused.add(r);
        }
      }
      // one starts and one more fits the 1 s the line may hold at 1 s a start, until a start ends: most are refused
      assertThat(refused).hasSizeGreaterThanOrEqualTo(5).allSatisfy(r -> {
        assertThat(r.status()).isEqualTo(429);
        assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
        assertThat(r.json().get("detail").asText()).contains("start queue is full");
      });
      for (String id : ids) {
        JsonNode now = Poll.value(Poll.START_DEADLINE, id + " to run", () -> tenant.get("/v1/sessions/" + id).json(),
            j -> !List.of("pending", "starting").contains(j.get("status").asText()));
        assertThat(now.get("status").asText()).as(now.toString()).isEqualTo("running");
      }
      JsonNode usage = server.api().get("/v1/usage").json().get("server");
      assertThat(usage.get("maxStarting").asInt()).isEqualTo(1);
      assertThat(usage.get("maxQueueSeconds").asInt()).isEqualTo(1);
    } finally {
      ids.forEach(id -> tenant.delete("/v1/sessions/" + id));
    }
  }
}
