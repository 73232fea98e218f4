package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code api} function end to end: API Gateway HTTP API and function URL events through the real
 * {@code FunctionInvoker}, the core, DynamoDB Local and a real Chromium, which Playwright then drives through the
 * {@code cdpUrl} the Lambda answer carries.
 */
@ExtendWith(LambdaEnvironment.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFunctionIT {
  private LambdaEnvironment env;
  private Playwright playwright;

  @BeforeAll
  void start(LambdaEnvironment environment) {
    this.env = environment;
    Map<String, String> playwrightEnv = new HashMap<>(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    if (Files.isExecutable(Path.of("/usr/bin/node"))) {
      playwrightEnv.put("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
    }
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(playwrightEnv));
  }

  @AfterAll
  void stop() {
    if (playwright != null) {
      playwright.close();
    }
  }

  @Test
  void aFunctionUrlEventForHealthAnswersOnceEncodedJson() {
    ObjectNode event = (ObjectNode) HttpEvents.read("function-url-doc-example.json");
    event.put("rawPath", "/health");
    event.put("rawQueryString", "");
    event.remove("body");
    ((ObjectNode) event.get("requestContext").get("http")).put("method", "GET").put("path", "/health");

    HttpEvents.Reply reply = api(HttpEvents.bytes(event));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.raw().get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.header("X-Request-Id")).isNotBlank();
    assertThat(reply.json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void aCreatedSessionRunsAChromiumThatPlaywrightDrivesThroughTheCdpUrl() {
    HttpEvents.Reply created = api(HttpEvents.request("POST", "/v1/sessions", "{\"timeoutSeconds\":120}"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode session = created.json();
    assertThat(session.get("status").asText()).isEqualTo("running");
    String id = session.get("id").asText();
    String cdpUrl = session.get("cdpUrl").asText();
    // the browser's own agent serves it, as each Fargate task's does
    assertThat(cdpUrl).matches("ws://127\\.0\\.0\\.1:\\d+/cdp\\?token=.+");
    try {
      Browser browser = playwright.chromium().connectOverCDP(cdpUrl);
      Page page = browser.newContext().newPage();
      page.setContent("<title>through Lambda</title><p id=p>6 * 7</p>");
      assertThat(page.title()).isEqualTo("through Lambda");
      assertThat(page.evaluate("() => eval(document.getElementById('p').textContent)")).isEqualTo(42);
      browser.close();
    } finally {
      HttpEvents.Reply ended = api(HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
      assertThat(ended.status()).as(ended.toString()).isBetween(200, 204);
    }
    HttpEvents.Reply after = api(HttpEvents.request("GET", "/v1/sessions/" + id, null));
    assertThat(after.json().get("status").asText()).isEqualTo("stopped");
    assertThat(env.browsers().list()).as("browsers left running").isEmpty();
  }

  static Stream<Arguments> badInput() {
    String s = "/v1/sessions";
    return Stream.of(
        Arguments.of("POST", s, "{", 400, "body"),
        Arguments.of("POST", s, "{\"nope\":1}", 400, "nope"),
        Arguments.of("POST", s, "{\"timeoutSeconds\":5}", 400, "timeoutSeconds"),
        Arguments.of("POST", s, "{\"timeoutSeconds\":21601}", 400, "timeoutSeconds"),
        Arguments.of("POST", s, "{\"browser\":{\"args\":[\"--lang=de-DE\",\"--no-sandbox\"]}}", 400, "browser.args[1]"),
        Arguments.of("POST", s, "{\"browser\":{\"args\":[\"--remote-debugging-port=9222\"]}}", 400, "browser.args[0]"),
        Arguments.of("GET", s + "/not-an-id", null, 400, "id"),
        Arguments.of("DELETE", s + "/not-an-id", null, 400, "id"),
        Arguments.of("GET", s + "?limit=0&limit=5", null, 400, "limit"),
        Arguments.of("GET", s + "?status=sleeping", null, 400, "status"),
        Arguments.of("POST", "/v1/webhooks", "{\"url\":\"ftp://example.com/x\"}", 400, "url"));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
  @MethodSource("badInput")
  void badInputAnswersAProblemNamingTheField(String method, String target, String body, int status, String field) {
    assertProblem(api(HttpEvents.request(method, target, body)), status, field);
  }

  @Test
  void aBase64EncodedBodyIsReadAsItsBytes() {
    assertProblem(api(HttpEvents.base64Request("POST", "/v1/sessions", "{\"timeoutSeconds\":5}")), 400,
        "timeoutSeconds");
  }

  @Test
  void aBodyThatIsNotTheBase64ItClaimsIsBadInputToo() {
    ObjectNode event = (ObjectNode) HttpEvents.read("http-api-v2-request.json");
    event.put("body", "{not base64}").put("isBase64Encoded", true);
    ((ObjectNode) event.get("requestContext").get("http")).put("method", "POST");
    event.put("rawPath", "/v1/sessions");

    assertProblem(api(HttpEvents.bytes(event)), 400, "request");
  }

  @Test
  void noKeyAnswers401() {
    HttpEvents.Reply reply = api(HttpEvents.event("http-api-v2-request.json", "GET", "/v1/sessions", null, false,
        null));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void theSnapStartPrimingRunsHealthThroughTheApiFunction() {
    api(HttpEvents.request("GET", "/health", null));

    HttpEvents.Reply primed = HttpEvents.reply(env.bean("api", ApiPriming.class).prime());

    assertThat(primed.status()).as(primed.toString()).isEqualTo(200);
    assertThat(primed.json().get("status").asText()).isEqualTo("UP");
  }

  private HttpEvents.Reply api(byte[] event) {
    return HttpEvents.reply(env.invoke("api", event));
  }

  private static void assertProblem(HttpEvents.Reply reply, int status, String field) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
  }
}
