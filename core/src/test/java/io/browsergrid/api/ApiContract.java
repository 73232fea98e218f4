package io.browsergrid.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The black-box checks every shape of BrowserGrid passes (docs/API.md, as a client sees it): only a base URL and the
 * operator key, nothing of the implementation. A running server (standalone, {@code scripts/run aws}) extends this
 * class; it must let browsers and webhooks reach loopback ({@code BROWSERGRID_BROWSER_ALLOW_PRIVATE},
 * {@code BROWSERGRID_WEBHOOK_ALLOW_PRIVATE}), since the checks serve their page and their receiver there. Each test
 * works in a tenant of its own; the tenants are deleted at the end, which ends their sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** For what takes a browser start or a delivery: a hung server, not a slow one. */
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> tenants = new CopyOnWriteArrayList<>();
  private final List<String> receivedBodies = new CopyOnWriteArrayList<>();
  private final Map<String, String> receivedSignatures = new ConcurrentHashMap<>();
  private HttpServer site;

  /** The server's base URL, without a trailing slash. */
  protected abstract URI baseUrl();

  /** The server's operator key. */
  protected abstract String operatorKey();

  @BeforeAll
  void serveThePageAndTheReceiver() throws IOException {
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/page", exchange -> {
      byte[] body = "<title>black box</title>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      receivedBodies.add(body);
      String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
      receivedSignatures.put(body, signature == null ? "" : signature);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    site.start();
  }

  @AfterAll
  void deleteTheTenants() throws Exception {
    try {
      for (String tenant : tenants) {
        call("DELETE", "/v1/tenants/" + tenant, null, operatorKey());
      }
      if (site != null) {
        site.stop(0);
      }
    } finally {
      afterContract();
    }
  }

  /** Runs after the checks have cleaned up behind them: where a subclass stops the server it started. */
  protected void afterContract() throws Exception {
  }

  @Test
  void healthAnswersWithoutAKey() throws Exception {
    HttpResponse<String> health = call("GET", "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void aRequestWithoutAValidKeyIsRefusedAsProblemJson() throws Exception {
    for (String key : new String[] {null, "bg_not-a-key-of-this-server"}) {
      HttpResponse<String> refused = call("GET", "/v1/sessions", null, key);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(type ->
          assertThat(type).startsWith("application/problem+json"));
      assertThat(JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(401);
    }
  }

  @Test
  void aMemberSessionServesAPageThroughItsCdpUrlAndReleaseStopsIt() throws Exception {
    String member = memberKey(tenant("pages"));
    JsonNode session = created(member, "{\"metadata\":{\"suite\":\"black-box\"}}");
    String id = session.get("id").asText();

    try (Cdp cdp = Cdp.connect(http, URI.create(session.get("cdpUrl").asText()))) {
      assertThat(cdp.call("Browser.getVersion", JSON.createObjectNode()).path("product").asText()).contains("Chrome");
      cdp.call("Target.createTarget", JSON.createObjectNode().put("url", site() + "/page"));
      awaitTrue(() -> titles(cdp).contains("black box"), "the page's title through the cdpUrl");
    }
    JsonNode fetched = JSON.readTree(call("GET", "/v1/sessions/" + id, null, member).body());
    assertThat(fetched.path("metadata").path("suite").asText()).isEqualTo("black-box");
    assertThat(JSON.readTree(call("GET", "/v1/sessions", null, member).body()).path("items"))
        .extracting(item -> item.path("id").asText()).contains(id);

    HttpResponse<String> released = call("DELETE", "/v1/sessions/" + id, null, member);
    assertThat(released.statusCode()).isEqualTo(200);
    awaitTrue(() -> status(id, member).equals("stopped"), "the released session stopped");
  }

  @Test
  void anotherTenantSeesNothingOfASession() throws Exception {
    String owner = memberKey(tenant("owner"));
    String stranger = memberKey(tenant("stranger"));
    String id = created(owner, "{}").get("id").asText();

    HttpResponse<String> peek = call("GET", "/v1/sessions/" + id, null, stranger);
    assertThat(peek.statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/v1/sessions/" + id, null, stranger).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(call("GET", "/v1/sessions", null, stranger).body()).path("items")).isEmpty();
    assertThat(status(id, owner)).isEqualTo("running");
  }

  @Test
  void badInputIsA400ProblemNamingTheField() throws Exception {
    String member = memberKey(tenant("input"));
    HttpResponse<String> refused = call("POST", "/v1/sessions", "{\"timeoutSeconds\": 1}", member);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(refused.body()).path("errors")).extracting(e -> e.path("field").asText())
        .contains("timeoutSeconds");
    // well-formed, but no session of anyone's
    assertThat(call("GET", "/v1/sessions/000000000000-00000000000000000000", null, member).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aWebhookReceivesTheSessionsEventsSigned() throws Exception {
    String admin = tenant("hooks");
    HttpResponse<String> hook = call("POST", "/v1/webhooks",
        "{\"url\":\"" + site() + "/hook\",\"events\":[\"session.created\"]}", admin);
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
    String id = created(admin, "{}").get("id").asText();

    awaitTrue(() -> receivedBodies.stream().anyMatch(body -> body.contains(id)), "session.created delivered");
    String body = receivedBodies.stream().filter(b -> b.contains(id)).findFirst().orElseThrow();
    assertThat(body).contains("\"session.created\"");
    assertThat(receivedSignatures.get(body)).startsWith("v1,");
  }

  @Test
  void quickConnectDiscoveryAnswersABrowserEndpoint() throws Exception {
    String member = memberKey(tenant("quick"));
    HttpResponse<String> discovery = call("GET", "/connect/json/version", null, member);

    assertThat(discovery.statusCode()).as(discovery.body()).isEqualTo(200);
    try (Cdp cdp = Cdp.connect(http, URI.create(JSON.readTree(discovery.body()).path("webSocketDebuggerUrl")
        .asText()))) {
      assertThat(cdp.call("Browser.getVersion", JSON.createObjectNode()).path("product").asText()).contains("Chrome");
    }
  }

  @Test
  void aWarmPoolFillsAndHandsItsBrowserToACreate() throws Exception {
    String admin = tenant("pools");
    HttpResponse<String> pool = call("PUT", "/v1/pools/warm", "{\"minIdle\": 1, \"maxSessions\": 2}", admin);
    assertThat(pool.statusCode()).as(pool.body()).isBetween(200, 201);

    awaitTrue(() -> JSON.readTree(call("GET", "/v1/pools/warm", null, admin).body()).path("idle").asInt() == 1,
        "the pool's warm browser");
    JsonNode session = created(admin, "{\"pool\": \"warm\"}");

    assertThat(session.path("pool").asText()).isEqualTo("warm");
    try (Cdp cdp = Cdp.connect(http, URI.create(session.get("cdpUrl").asText()))) {
      assertThat(cdp.call("Browser.getVersion", JSON.createObjectNode()).path("product").asText()).contains("Chrome");
    }
    assertThat(call("DELETE", "/v1/pools/warm", null, admin).statusCode()).isBetween(200, 204);
  }

  private JsonNode created(String key, String body) throws Exception {
    HttpResponse<String> created = call("POST", "/v1/sessions", body, key);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode session = JSON.readTree(created.body());
    assertThat(session.path("status").asText()).isEqualTo("running");
    return session;
  }

  /** A new tenant; returns its admin key. */
  private String tenant(String name) throws Exception {
    HttpResponse<String> created = call("POST", "/v1/tenants",
        "{\"name\":\"" + name + "-" + System.nanoTime() + "\",\"maxConcurrentSessions\":4}", operatorKey());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode tenant = JSON.readTree(created.body());
    tenants.add(tenant.get("id").asText());
    return tenant.get("adminKey").asText();
  }

  private String memberKey(String adminKey) throws Exception {
    HttpResponse<String> created = call("POST", "/v1/api-keys", "{\"name\":\"suite\",\"role\":\"member\"}",
        adminKey);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("key").asText();
  }

  private String status(String id, String key) throws Exception {
    return JSON.readTree(call("GET", "/v1/sessions/" + id, null, key).body()).path("status").asText();
  }

  private String site() {
    return "http://127.0.0.1:" + site.getAddress().getPort();
  }

  private static List<String> titles(Cdp cdp) throws Exception {
    List<String> titles = new ArrayList<>();
    cdp.call("Target.getTargets", JSON.createObjectNode()).path("targetInfos")
        .forEach(target -> titles.add(target.path("title").asText()));
    return titles;
  }

  private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(DEADLINE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A check that may throw, for {@link #awaitTrue}. */
  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      new CompletableFuture<Void>().completeOnTimeout(null, 100, TimeUnit.MILLISECONDS).join();
    }
  }

  /** The least CDP client: one WebSocket, calls answered by id. */
  private static final class Cdp implements WebSocket.Listener, AutoCloseable {
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Cdp connect(HttpClient http, URI endpoint) {
      Cdp cdp = new Cdp();
      cdp.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(endpoint, cdp).join();
      return cdp;
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      pending.put(id, answer);
      socket.sendText(JSON.createObjectNode().put("id", id).put("method", method).set("params", params).toString(),
          true).join();
      JsonNode reply = answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new AssertionError(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          CompletableFuture<JsonNode> waiting = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (waiting != null) {
            waiting.complete(message);
          }
        } catch (IOException e) {
          pending.values().forEach(p -> p.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
  }
}
