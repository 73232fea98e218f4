package io.browsergrid.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.session.AgentSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code agentEvents} function accepts a callback signed with the session's CDP token (the one in its
 * {@code cdpUrl}, which the browser container holds) and refuses any other.
 */
@ExtendWith(LambdaEnvironment.Extension.class)
class AgentEventsFunctionIT {

  @Test
  void aCallbackSignedWithTheSessionsTokenIsAcceptedAndOthersAreNot(LambdaEnvironment env) {
    HttpEvents.Reply created = HttpEvents.reply(env.invoke("api", HttpEvents.request("POST", "/v1/sessions", "{}")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String sessionId = created.json().get("id").asText();
    String cdpUrl = created.json().get("cdpUrl").asText();
    String token = cdpUrl.substring(cdpUrl.indexOf("token=") + "token=".length());
    try {
      AgentSignatures agent = new AgentSignatures(id -> token, Clock.systemUTC());
      byte[] body = "{\"type\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
      long now = Instant.now().getEpochSecond();
      String signature = agent.sign(sessionId, now, body);

      assertThat(callback(env, sessionId, now, signature, "{\"type\":\"ready\"}").status()).isEqualTo(202);
      assertThat(callback(env, sessionId, now, signature, "{\"type\":\"exited\"}").status()).isEqualTo(401);
      assertThat(callback(env, sessionId, now - 3600, agent.sign(sessionId, now - 3600, body), "{\"type\":\"ready\"}")
          .status()).isEqualTo(401);
      HttpEvents.Reply unsigned = callback(env, sessionId, now, null, "{\"type\":\"ready\"}");
      assertThat(unsigned.status()).isEqualTo(401);
      assertThat(unsigned.header("Content-Type")).isEqualTo("application/problem+json");
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + sessionId, null));
    }
  }

  private static HttpEvents.Reply callback(LambdaEnvironment env, String sessionId, long timestamp, String signature,
      String body) {
    ObjectNode event = (ObjectNode) HttpEvents.read("http-api-v2-request.json");
    event.put("rawPath", "/");
    ((ObjectNode) event.get("requestContext").get("http")).put("method", "POST").put("path", "/");
    ObjectNode headers = (ObjectNode) event.get("headers");
    headers.put(AgentEventsFunction.SESSION_HEADER, sessionId);
    headers.put(AgentEventsFunction.TIMESTAMP_HEADER, Long.toString(timestamp));
    if (signature != null) {
      headers.put(AgentEventsFunction.SIGNATURE_HEADER, signature);
    }
    event.put("body", body).put("isBase64Encoded", false);
    return HttpEvents.reply(env.invoke("agentEvents", HttpEvents.bytes(event)));
  }
}
