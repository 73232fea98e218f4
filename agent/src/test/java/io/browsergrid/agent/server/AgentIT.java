package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.agent.CdpTestClient;
import io.browsergrid.agent.LeftoverChromium;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One agent in front of a real Chromium, plain ws on loopback, reached as a client would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final TestAgents.Session session = TestAgents.Session.random();
  private Agent agent;
  private String base;

  @BeforeAll
  void start() throws Exception {
    agent = TestAgents.agent(TestAgents.config(session, tmp, null, null, Duration.ofMinutes(1)),
        AgentEvents.discarding());
    InetSocketAddress address = agent.start();
    base = "127.0.0.1:" + address.getPort();
    agent.ready().get(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    if (agent != null) {
      assertThat(agent.stop()).isEqualTo(AgentExit.stopped());
      assertThat(agent.exited().get(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS).code()).isZero();
    }
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void aClientWithTheTokenTalksCdpThroughTheAgent() throws Exception {
    URI cdpUrl = URI.create("ws://" + base + "/cdp?token=" + session.token());
    try (CdpTestClient cdp = CdpTestClient.connect(http, cdpUrl)) {
      assertThat(cdp.call("Browser.getVersion", null).get("product").asText()).contains("Chrome/");
      String targetId = cdp.call("Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId").asText();
      cdp.call("Target.closeTarget", "{\"targetId\":\"" + targetId + "\"}");
    }
  }

  @Test
  void aWrongOrMissingTokenIs401AndNothingIsRelayed() throws Exception {
    for (String query : new String[] {"?token=" + session.token() + "x", "?token=", ""}) {
      String response = rawUpgrade("/cdp" + query);

      // the connection ends after the 401: no 101, no bytes from Chromium
      assertThat(response).startsWith("HTTP/1.1 401 ")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("\"status\":401")
          .doesNotContain("101 Switching Protocols");
    }
    assertThatThrownBy(() -> http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://" + base + "/cdp?token=wrong"), new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void jsonVersionNamesThisAgentsCdpUrl() throws Exception {
    for (String path : new String[] {"/json/version", "/json/version/"}) {
      HttpResponse<String> response = get(path + "?token=" + session.token());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode version = JSON.readTree(response.body());
      assertThat(version.get("Browser").asText()).contains("Chrome/");
      assertThat(version.get("Protocol-Version").asText()).isNotBlank();
      assertThat(version.get("webSocketDebuggerUrl").asText())
          .isEqualTo("ws://" + base + "/cdp?token=" + session.token());
    }
    assertThat(get("/json/version").statusCode()).isEqualTo(401);

    String advertised = JSON.readTree(get("/json/version?token=" + session.token()).body())
        .get("webSocketDebuggerUrl").asText();
    try (CdpTestClient cdp = CdpTestClient.connect(http, URI.create(advertised))) {
      assertThat(cdp.call("Browser.getVersion", null).get("protocolVersion").asText()).isNotBlank();
    }
  }

  @Test
  void healthIs200WhileChromiumAnswers() throws Exception {
    HttpResponse<String> response = get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void otherPathsAndMethodsAnswerProblems() throws Exception {
    HttpResponse<String> missing = get("/devtools/browser/x");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/health"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET");

    HttpResponse<String> notUpgrade = get("/cdp?token=" + session.token());
    assertThat(notUpgrade.statusCode()).isEqualTo(400);
  }

  @Test
  void malformedRequestsAreProblemsOfTheirOwnStatusNeverADroppedConnection() throws Exception {
    assertThat(raw("GET /health?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 414").contains("application/problem+json");
    assertThat(raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431").contains("application/problem+json");
    assertThat(raw("GET /cdp/%zz HTTP/1.1\r\nHost: x\r\n\r\n")).as("a path with a bad escape")
        .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("the path has a malformed percent-escape");
    assertThat(raw("GET /health?token=%zz HTTP/1.1\r\nHost: x\r\n\r\n")).as("a query with a bad escape")
        .startsWith("HTTP/1.1 400").contains("the query has a malformed percent-escape");
    assertThat(raw("GET /health HTTP/1.1 extra\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestThatNeverCompletesIsClosedAtTheRequestTimeout() throws Exception {
    URI uri = URI.create("http://" + base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout((int) AgentServer.REQUEST_TIMEOUT.plusSeconds(TestAgents.WAIT_SECONDS).toMillis());
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (java.net.SocketException reset) {
        read = -1;
      }
      assertThat(read).as("the agent closed the connection").isEqualTo(-1);
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + base + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code request} as it is and reads until the agent closes the connection. */
  private String raw(String request) throws Exception {
    URI uri = URI.create("http://" + base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TestAgents.WAIT_SECONDS));
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String rawUpgrade(String pathAndQuery) throws Exception {
    URI uri = URI.create("http://" + base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TestAgents.WAIT_SECONDS));
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
