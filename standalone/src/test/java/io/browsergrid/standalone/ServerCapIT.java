package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Warm browsers count against the server's cap: pools never fill past it, and a cold start beyond it is refused. */
class ServerCapIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_MAX_SESSIONS", "3"));

  @Test
  void poolsStopAtTheCapAndColdStartsBeyondItAreRefusedWhileWarmOnesStillRun() {
    Api operator = server.api();
    assertThat(operator.send("PUT", "/v1/pools/warm", "{\"minIdle\":5,\"maxSessions\":5}").status()).isEqualTo(200);
    try {
      JsonNode pool = Poll.value(Poll.START_DEADLINE, "the pool to fill to the server's cap",
          () -> operator.get("/v1/pools/warm").json(),
          p -> p.get("idle").asInt() == 3 && p.get("starting").asInt() == 0);
      assertThat(pool.get("idle").asInt()).as("3 of the 5 asked for").isEqualTo(3);
      assertThat(ChromiumProcesses.sandboxes(server.dataDir())).hasSize(3);

      Api.Reply cold = operator.post("/v1/sessions", "{\"wait\":false}");
      assertThat(cold.status()).as(cold.body()).isEqualTo(429);
      assertThat(cold.json().get("detail").asText()).contains("maximum of 3 browsers", "3 of them warm");
      assertThat(cold.header("Retry-After")).isNotNull();

      Api.Reply warm = operator.post("/v1/sessions", "{\"pool\":\"warm\"}");
      assertThat(warm.status()).as(warm.body()).isEqualTo(201);
      assertThat(warm.json().get("status").asText()).isEqualTo("running");
      assertThat(operator.delete("/v1/sessions/" + warm.json().get("id").asText()).status()).isEqualTo(200);
    } finally {
      operator.delete("/v1/pools/warm");
    }
  }
}
