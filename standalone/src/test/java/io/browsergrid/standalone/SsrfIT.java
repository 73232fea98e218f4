package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With private targets not allowed (the default), a name that resolves to loopback is refused at delivery time. */
class SsrfIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  @Test
  void aNameResolvingToLoopbackIsRefusedAndNothingIsSent() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String byName = receiver.url().replace("127.0.0.1", "localhost");
      Api.Reply created = server.api().post("/v1/webhooks",
          "{\"url\":\"" + byName + "\",\"events\":[\"session.created\"]}");
      assertThat(created.status()).as("a name is only resolved when delivering").isEqualTo(201);
      String hookId = created.json().get("id").asText();
      String id = server.api().post("/v1/sessions", "{\"wait\":false}").json().get("id").asText();
      JsonNode dead = Poll.value(Duration.ofSeconds(20), "the delivery to be refused",
          () -> server.api().get("/v1/webhooks/" + hookId + "/deliveries").json().get("items"),
          items -> items.size() == 1 && items.get(0).get("status").asText().equals("dead")).get(0);
      assertThat(dead.get("error").asText()).containsIgnoringCase("refused");
      assertThat(receiver.attemptIds()).as("nothing reached the private address").isEmpty();
      server.api().delete("/v1/sessions/" + id);
    }
  }
}
