package io.browsergrid.aws.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import io.browsergrid.Eventually;
import java.net.InetSocketAddress;
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
 * endpoint), released; quick-connect discovery; SIGTERM stops it with every browser it started. The black-box
 * checks every shape passes run through it too ({@link ScriptsRunAwsContractIT}).
 */
class ScriptsRunAwsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private ScriptsRunAws run;
  private HttpServer page;

  @AfterEach
  void stop() throws Exception {
    if (page != null) {
      page.stop(0);
    }
    if (run != null) {
      run.close();
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
    run = new ScriptsRunAws(dataDir, Map.of());
    System.out.printf("scripts/run aws: start to the first 200 on /health in %d ms%n", run.awaitHealth());
    String base = run.baseUrl().toString();
    int port = run.baseUrl().getPort();

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
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    String quick = JSON.readTree(call("GET", base + "/connect/json/version", null).body())
        .path("webSocketDebuggerUrl").asText();
    assertThat(quick).startsWith("ws://127.0.0.1:");

    List<ProcessHandle> tree = run.process().descendants().toList();
    assertThat(tree).as("the quick-connect session's browser runs").isNotEmpty();
    run.process().destroy();
    assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).as("the run stops on SIGTERM").isTrue();
    // a killed sandbox's processes are reaped a moment after the JVM that killed them exits
    Eventually.until("every process of the run gone: " + tree.stream().filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
        () -> tree.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(run.log()).contains("BrowserGrid, AWS deployable (local): " + base);
  }

  private HttpResponse<String> call(String method, String url, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + ScriptsRunAws.KEY)
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
}
