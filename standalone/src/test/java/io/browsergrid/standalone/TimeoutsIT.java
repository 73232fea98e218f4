package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cleanup loop ends idle sessions as {@code idle} and over-long ones as {@code timeout}. */
class TimeoutsIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  @Test
  void idleAndHardTimeoutsEndSessionsWithTheirReasons() {
    String idle = server.api().post("/v1/sessions", "{\"timeoutSeconds\":120,\"idleTimeoutSeconds\":10}")
        .json().get("id").asText();
    JsonNode busy = server.api().post("/v1/sessions", "{\"timeoutSeconds\":10,\"idleTimeoutSeconds\":0}").json();
    String timed = busy.get("id").asText();
    try (Playwright playwright = Playwright.create()) {
      Browser client = playwright.chromium().connectOverCDP(busy.get("cdpUrl").asText());
      assertThat(client.isConnected()).isTrue();

      JsonNode idleEnded = Poll.value(Duration.ofSeconds(30), "the idle session to end",
          () -> server.api().get("/v1/sessions/" + idle).json(), TimeoutsIT::ended);
      assertThat(idleEnded.get("status").asText()).isEqualTo("stopped");
      assertThat(idleEnded.get("endReason").asText()).isEqualTo("idle");

      JsonNode timedEnded = Poll.value(Duration.ofSeconds(30), "the capped session to end",
          () -> server.api().get("/v1/sessions/" + timed).json(), TimeoutsIT::ended);
      assertThat(timedEnded.get("status").asText()).isEqualTo("stopped");
      assertThat(timedEnded.get("endReason").asText()).isEqualTo("timeout");
      assertThatThrownBy(client::newContext).as("the client of an ended session is cut off")
          .isInstanceOf(PlaywrightException.class);
    }
    assertThat(ChromiumProcesses.matching(idle)).isZero();
    assertThat(ChromiumProcesses.matching(timed)).isZero();
  }

  private static boolean ended(JsonNode session) {
    String status = session.get("status").asText();
    return status.equals("stopped") || status.equals("failed");
  }

  @Test
  void aSessionWithAConnectedClientIsNotIdle() {
    JsonNode s = server.api().post("/v1/sessions", "{\"timeoutSeconds\":60,\"idleTimeoutSeconds\":10}").json();
    String id = s.get("id").asText();
    try (Playwright playwright = Playwright.create()) {
      Browser client = playwright.chromium().connectOverCDP(s.get("cdpUrl").asText());
      String createdAt = s.get("createdAt").asText();
      Poll.until(Duration.ofSeconds(30), "12 s to pass with a client connected",
          () -> java.time.Instant.now().isAfter(java.time.Instant.parse(createdAt).plusSeconds(12)));
      assertThat(server.api().get("/v1/sessions/" + id).json().get("status").asText()).isEqualTo("running");
      client.close();
    }
    JsonNode ended = Poll.value(Duration.ofSeconds(30), "the now idle session to end",
        () -> server.api().get("/v1/sessions/" + id).json(), r -> r.get("status").asText().equals("stopped"));
    assertThat(ended.get("endReason").asText()).isEqualTo("idle");
  }
}
