package io.browsergrid.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's and Pub/Sub's functions through the real Functions Framework invoker: each refuses a call without
 * its one invoker's OIDC token (401 problem+json, nothing run), and a push that is no push envelope is a 400, so
 * Pub/Sub retries it into the dead-letter topic.
 */
class GcpFunctionsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GcpDeployment deployment;

  @BeforeAll
  static void deploy() throws Exception {
    deployment = new GcpDeployment(Files.createTempDirectory("browsergrid-gcp-functions"), Map.of(), 0);
  }

  @AfterAll
  static void close() {
    deployment.close();
  }

  @Test
  void cleanupRunsForTheSchedulersTokenOnly() throws Exception {
    assertThat(post("cleanup", null, "").statusCode()).isEqualTo(401);
    assertThat(post("cleanup", deployment.bearer("cleanup", GcpDeployment.PUSHER), "").statusCode()).isEqualTo(401);
    assertThat(post("cleanup", deployment.bearer("api", GcpDeployment.SCHEDULER), "").statusCode()).isEqualTo(401);
    HttpResponse<String> refused = post("cleanup", null, "");
    assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(refused.body()).contains("an OIDC bearer token is required");

    assertThat(post("cleanup", deployment.bearer("cleanup", GcpDeployment.SCHEDULER), "").statusCode())
        .isEqualTo(204);
  }

  @Test
  void deliverWebhooksRefusesStrangersAndReadsOnlyPushEnvelopes() throws Exception {
    String push = "{\"message\":{\"data\":\"e30=\",\"messageId\":\"1\"},\"subscription\":\"s\"}";
    assertThat(post("deliverWebhooks", null, push).statusCode()).isEqualTo(401);
    assertThat(post("deliverWebhooks", deployment.bearer("deliverWebhooks", GcpDeployment.SCHEDULER), push)
        .statusCode()).isEqualTo(401);

    HttpResponse<String> bad = post("deliverWebhooks",
        deployment.bearer("deliverWebhooks", GcpDeployment.PUSHER), "not json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(bad.body()).contains("message");
  }

  @Test
  void theApiFunctionAnswersAnUnknownRouteAsProblemJson() throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(deployment.url("api").resolve("/v1/nothing?x=1"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("content-type")).contains("application/problem+json");
  }

  private static HttpResponse<String> post(String function, String authorization, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(deployment.url(function) + "/"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
