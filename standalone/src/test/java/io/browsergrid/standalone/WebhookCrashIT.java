package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.agent.LeftoverChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the server around a delivery loses no event: the outbox outlives the process. */
class WebhookCrashIT {
  private static final Map<String, String> ALLOW_LOOPBACK = Map.of("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true");
  @TempDir
  Path dataDir;
  private ServerProcess server;

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.kill();
    }
    new LeftoverChromium().killUnder(dataDir);
  }

  @Test
  void anEventCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
    int port = ServerProcess.freePort();
    int receiverPort = ServerProcess.freePort();
    server = ServerProcess.start(dataDir, port, ALLOW_LOOPBACK);
    Api api = server.api();
    String secret = api.post("/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiverPort
        + "/hook\",\"events\":[\"session.created\"]}").json().get("secret").asText();
    String id = api.post("/v1/sessions", "{\"wait\":false}").json().get("id").asText();
    server.crash();

    try (WebhookReceiver receiver = new WebhookReceiver(receiverPort)) {
      receiver.secret(secret);
      server = ServerProcess.start(dataDir, port, ALLOW_LOOPBACK);
      Poll.until(Duration.ofSeconds(30), "session.created to arrive after the restart",
          () -> receiver.acceptedOfType(id, "session.created") != null);
      assertThat(receiver.badSignatures()).isEmpty();
    }
  }

  @Test
  void aKillDuringDeliveryMeansItIsDeliveredAgainNeverLost() throws Exception {
    int port = ServerProcess.freePort();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answer(n -> n == 1 ? WebhookReceiver.HANG : 200, null);
      server = ServerProcess.start(dataDir, port, ALLOW_LOOPBACK);
      Api api = server.api();
      receiver.secret(api.post("/v1/webhooks", "{\"url\":\"" + receiver.url()
          + "\",\"events\":[\"session.created\"]}").json().get("secret").asText());
      String id = api.post("/v1/sessions", "{\"wait\":false}").json().get("id").asText();
      Poll.until(Duration.ofSeconds(20), "the first attempt to be in flight", () -> !receiver.attemptIds().isEmpty());
      server.crash();
      receiver.release();

      server = ServerProcess.start(dataDir, port, ALLOW_LOOPBACK);
      Poll.until(Duration.ofSeconds(60), "the event to be posted again",
          () -> receiver.attemptIds().size() >= 2);
      List<String> ids = receiver.attemptIds();
      assertThat(ids).containsOnly(ids.get(0));
      assertThat(receiver.accepted()).as("the receiver drops the duplicate by webhook-id").hasSize(1);
      assertThat(receiver.acceptedOfType(id, "session.created")).isNotNull();
    }
  }
}
