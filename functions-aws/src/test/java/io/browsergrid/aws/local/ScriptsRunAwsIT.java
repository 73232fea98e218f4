package io.browsergrid.aws.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/run aws} as a user starts it: the script, from the repository's root, with the standalone server's
 * variables; a session created through its API, driven with Playwright through the {@code cdpUrl} (the agent's own
 * endpoint), released; quick-connect discovery; SIGTERM stops it with every browser it started.
 */
class ScriptsRunAwsIT {
  private static final String KEY = "bg_scripts-run-aws-it-operator-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  // the script may install Chromium first on a fresh machine; the deadline is for a hung start, not a slow one
  private static final Duration START_DEADLINE = Duration.ofMinutes(5);

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process run;
  private HttpServer page;

  @AfterEach
  void stop() throws Exception {
    if (page != null) {
      page.stop(0);
    }
    if (run != null && run.isAlive()) {
      List<ProcessHandle> tree = run.descendants().toList();
      run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aSessionThroughScriptsRunAwsIsDrivenByPlaywrightAndSigtermStopsEverything() throws Exception {
    page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    page.createContext("/", exchange -> {
      byte[] body = "<title>through the agent</title>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    page.start();
    int port = freePort();
    Path log = dataDir.resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder("scripts/run", "aws").directory(Path.of("..").toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of("BROWSERGRID_PORT", Integer.toString(port),
        "BROWSERGRID_DATA_DIR", dataDir.toString(), "BROWSERGRID_API_KEY", KEY,
        "BROWSERGRID_BROWSER_ALLOW_PRIVATE", "true"));
    long began = System.nanoTime();
    run = builder.start();
    String base = "http://127.0.0.1:" + port;
    awaitHealth(base, log);
    System.out.printf("scripts/run aws: start to the first 200 on /health in %d ms%n",
        (System.nanoTime() - began) / 1_000_000);

    HttpResponse<String> created = call("POST", base + "/v1/sessions", "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode session = JSON.readTree(created.body());
    String cdpUrl = session.get("cdpUrl").asText();
    assertThat(session.get("status").asText()).isEqualTo("running");
    assertThat(cdpUrl).as("the agent's own endpoint, not the API's").startsWith("ws://127.0.0.1:")
        .doesNotStartWith("ws://127.0.0.1:" + port + "/");

    try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(playwrightEnv()))) {
      Browser browser = playwright.chromium().connectOverCDP(cdpUrl);
      Page tab = browser.contexts().get(0).newPage();
      tab.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/");
      assertThat(tab.title()).isEqualTo("through the agent");
      browser.close();
    }
    HttpResponse<String> released = call("DELETE", base + "/v1/sessions/" + session.get("id").asText(), null);
    assertThat(released.statusCode()).as(released.body()).isBetween(200, 204);
    HttpResponse<String> discovery = call("GET", base + "/connect/json/version", null);
    assertThat(discovery.statusCode()).as(discovery.body()).isEqualTo(200);
    assertThat(JSON.readTree(discovery.body()).get("webSocketDebuggerUrl").asText()).startsWith("ws://127.0.0.1:");

    List<ProcessHandle> tree = run.descendants().toList();
    assertThat(tree).as("the quick-connect session's browser runs").isNotEmpty();
    run.destroy();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run stops on SIGTERM").isTrue();
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(Files.readString(log)).contains("BrowserGrid, AWS deployable (local): " + base);
  }

  private void awaitHealth(String base, Path log) throws Exception {
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!run.isAlive()) {
        throw new AssertionError("scripts/run aws exited " + run.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      run.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("no 200 on /health within " + START_DEADLINE + ":\n" + Files.readString(log));
  }

  private HttpResponse<String> call(String method, String url, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + KEY)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> playwrightEnv() {
    Map<String, String> env = new HashMap<>(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    if (Files.isExecutable(Path.of("/usr/bin/node"))) {
      env.put("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
    }
    return env;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
