package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session events reach a real receiver, signed, retried on failure, listed in deliveries, isolated per tenant. */
class WebhooksIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true"));

  @Test
  void sessionEventsArriveSignedOnceEach() throws Exception {
    Api tenant = server.api().newTenant("hooks", 3);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Api.Reply created = tenant.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String secret = created.json().get("secret").asText();
      assertThat(secret).startsWith("whsec_");
      receiver.secret(secret);
      String hookId = created.json().get("id").asText();
      assertThat(tenant.get("/v1/webhooks/" + hookId).json().has("secret")).as("the secret is shown once").isFalse();

      String id = tenant.post("/v1/sessions", "{}").json().get("id").asText();
      tenant.delete("/v1/sessions/" + id);
      Poll.until(Duration.ofSeconds(20), "created, running and stopped to arrive",
          () -> receiver.acceptedOfType(id, "session.stopped") != null
              && receiver.acceptedOfType(id, "session.running") != null
              && receiver.acceptedOfType(id, "session.created") != null);
      JsonNode stopped = receiver.acceptedOfType(id, "session.stopped");
      assertThat(stopped.get("data").get("status").asText()).isEqualTo("stopped");
      assertThat(stopped.get("data").get("endReason").asText()).isEqualTo("released");
      assertThat(stopped.get("data").has("cdpUrl")).as("webhooks never carry the CDP token").isFalse();
      assertThat(stopped.get("timestamp").asText()).isNotBlank();
      assertThat(receiver.badSignatures()).isEmpty();

      JsonNode deliveries = Poll.value(Duration.ofSeconds(10), "the three deliveries to be recorded as delivered",
          () -> tenant.get("/v1/webhooks/" + hookId + "/deliveries").json().get("items"),
          items -> items.size() == 3 && java.util.stream.StreamSupport.stream(items.spliterator(), false)
              .allMatch(d -> d.get("status").asText().equals("delivered")));
      assertThat(deliveries).hasSize(3).allSatisfy(d -> {
        assertThat(d.get("status").asText()).isEqualTo("delivered");
        assertThat(d.get("statusCode").asInt()).isEqualTo(200);
        assertThat(d.get("attempts").asInt()).isEqualTo(1);
      });
      assertThat(deliveries.get(0).get("event").asText()).as("newest first").isEqualTo("session.stopped");
      assertThat(tenant.delete("/v1/webhooks/" + hookId).status()).isEqualTo(204);
    }
  }

  @Test
  void aReceiverThatRefusesThreeTimesGetsTheEventWithTheSameIdEachTime() throws Exception {
    Api tenant = server.api().newTenant("flaky", 3);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answer(n -> n <= 3 ? 503 : 200, "1");
      JsonNode hook = tenant.post("/v1/webhooks",
          "{\"url\":\"" + receiver.url() + "\",\"events\":[\"session.created\"]}").json();
      receiver.secret(hook.get("secret").asText());
      String hookId = hook.get("id").asText();
      String id = tenant.post("/v1/sessions", "{\"wait\":false}").json().get("id").asText();

      JsonNode retrying = Poll.value(Duration.ofSeconds(20), "a failed attempt to show in deliveries",
          () -> tenant.get("/v1/webhooks/" + hookId + "/deliveries").json().get("items"),
          items -> items.size() == 1 && items.get(0).get("status").asText().equals("pending")
              && !items.get(0).get("statusCode").isNull() && !items.get(0).get("nextRetryAt").isNull());
      assertThat(retrying.get(0).get("statusCode").asInt()).isEqualTo(503);

      Poll.until(Duration.ofSeconds(30), "the event to be accepted", () -> receiver.acceptedOfType(id, "session.created") != null);
      List<String> ids = receiver.attemptIds();
      assertThat(ids).hasSize(4).containsOnly(ids.get(0));
      JsonNode delivered = Poll.value(Duration.ofSeconds(10), "the delivery to read delivered",
          () -> tenant.get("/v1/webhooks/" + hookId + "/deliveries").json().get("items").get(0),
          d -> d.get("status").asText().equals("delivered"));
      assertThat(delivered.get("attempts").asInt()).isEqualTo(4);
      assertThat(delivered.get("statusCode").asInt()).isEqualTo(200);
      assertThat(delivered.get("nextRetryAt").isNull()).isTrue();
      tenant.delete("/v1/sessions/" + id);
    }
  }

  @Test
  void aClientErrorIsDeadAtOnceAndListedWithItsError() throws Exception {
    Api tenant = server.api().newTenant("gone", 3);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answer(n -> 410, null);
      JsonNode hook = tenant.post("/v1/webhooks",
          "{\"url\":\"" + receiver.url() + "\",\"events\":[\"session.created\"]}").json();
      receiver.secret(hook.get("secret").asText());
      String id = tenant.post("/v1/sessions", "{\"wait\":false}").json().get("id").asText();
      JsonNode dead = Poll.value(Duration.ofSeconds(20), "the delivery to die",
          () -> tenant.get("/v1/webhooks/" + hook.get("id").asText() + "/deliveries").json().get("items"),
          items -> items.size() == 1 && items.get(0).get("status").asText().equals("dead")).get(0);
      assertThat(dead.get("statusCode").asInt()).isEqualTo(410);
      assertThat(dead.get("attempts").asInt()).isEqualTo(1);
      assertThat(dead.get("error").asText()).isNotBlank();
      tenant.delete("/v1/sessions/" + id);
    }
  }

  @Test
  void subscriptionsAndDeliveriesAreInvisibleToOtherTenants() throws Exception {
    Api alice = server.api().newTenant("alice-hooks", 1);
    Api bob = server.api().newTenant("bob-hooks", 1);
    String hookId = alice.post("/v1/webhooks", "{\"url\":\"https://example.com/hook\"}").json().get("id").asText();
    assertThat(bob.get("/v1/webhooks/" + hookId).status()).isEqualTo(404);
    assertThat(bob.get("/v1/webhooks/" + hookId + "/deliveries").status()).isEqualTo(404);
    assertThat(bob.delete("/v1/webhooks/" + hookId).status()).isEqualTo(404);
    assertThat(bob.get("/v1/webhooks").json().get("items")).isEmpty();
    assertThat(alice.get("/v1/webhooks").json().get("items")).hasSize(1);
    Api member = alice.as(alice.post("/v1/api-keys", "{\"role\":\"member\"}").json().get("key").asText());
    assertThat(member.get("/v1/webhooks").status()).as("members manage no webhooks").isEqualTo(403);
  }
}
