package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Playwright drives a real Chromium through BrowserGrid: REST create, quick connect (both forms), release. */
class SessionsEndToEndIT {
  private static ServerFixture server;
  private static Playwright playwright;
  private static HttpServer site;
  private static String pageUrl;

  @BeforeAll
  static void start() throws IOException {
    // the test serves its page on loopback, which the egress refuses unless told otherwise
    server = new ServerFixture(java.util.Map.of("BROWSERGRID_BROWSER_ALLOW_PRIVATE", "true"));
    playwright = Playwright.create();
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      byte[] body = "<html><head><title>Served by the test</title></head><body><p id=msg>hello from 127.0.0.1</p></body></html>"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();
    pageUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    site.stop(0);
    playwright.close();
    server.close();
    assertThat(server.chromiumProcesses()).as("Chromium processes left behind").isZero();
  }

  @Test
  void restSessionServesAPageToPlaywrightAndReleaseKillsItsBrowser() {
    Api.Reply created = server.api().post("/v1/sessions", "{\"metadata\":{\"team\":\"search\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode session = created.json();
    String id = session.get("id").asText();
    assertThat(session.get("status").asText()).isEqualTo("running");
    assertThat(created.header("Location")).isEqualTo("/v1/sessions/" + id);
    assertThat(session.get("metadata").get("team").asText()).isEqualTo("search");
    String cdpUrl = session.get("cdpUrl").asText();
    assertThat(cdpUrl).startsWith("ws://127.0.0.1:").contains("/v1/sessions/" + id + "/cdp?token=");

    Browser browser = playwright.chromium().connectOverCDP(cdpUrl);
    Page page = browser.contexts().get(0).newPage();
    page.navigate(pageUrl);
    assertThat(page.textContent("#msg")).isEqualTo("hello from 127.0.0.1");
    assertThat(page.title()).isEqualTo("Served by the test");
    browser.close();

    assertThat(ChromiumProcesses.matching(id)).as("the session's Chromium runs").isPositive();
    Api.Reply released = server.api().delete("/v1/sessions/" + id);
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().get("status").asText()).isEqualTo("stopped");
    assertThat(released.json().get("endReason").asText()).isEqualTo("released");
    assertThat(released.json().get("cdpUrl").isNull()).isTrue();
    assertThat(ChromiumProcesses.matching(id)).as("Chromium processes of the released session").isZero();

    Api.Reply again = server.api().delete("/v1/sessions/" + id);
    assertThat(again.status()).as("release is idempotent").isEqualTo(200);
    assertThat(again.json().get("endReason").asText()).isEqualTo("released");

    JsonNode events = server.api().get("/v1/sessions/" + id + "/events").json().get("items");
    assertThat(events).extracting(e -> e.get("type").asText())
        .containsExactly("session.created", "session.starting", "session.running", "session.stopping", "session.stopped");
  }

  @Test
  void quickConnectOverWebSocketEndsTheSessionWhenTheClientLeaves() {
    Browser browser = playwright.chromium().connectOverCDP(
        server.api().base().replace("http", "ws") + "/connect?apiKey=" + server.api().key());
    Page page = browser.contexts().get(0).newPage();
    page.navigate(pageUrl);
    assertThat(page.textContent("#msg")).isEqualTo("hello from 127.0.0.1");
    JsonNode running = server.api().get("/v1/sessions?status=running").json().get("items");
    assertThat(running).hasSize(1);
    String id = running.get(0).get("id").asText();
    browser.close();

    JsonNode ended = Poll.value(Duration.ofSeconds(15), "the quick-connect session to end",
        () -> server.api().get("/v1/sessions/" + id).json(), s -> s.get("status").asText().equals("stopped"));
    assertThat(ended.get("endReason").asText()).isEqualTo("disconnected");
    Poll.until(Duration.ofSeconds(10), "its Chromium to exit", () -> ChromiumProcesses.matching(id) == 0);
  }

  @Test
  void quickConnectOverHttpDiscoveryWithTheKeyInAHeader() {
    Browser browser = playwright.chromium().connectOverCDP(server.api().base() + "/connect",
        new BrowserType.ConnectOverCDPOptions().setHeaders(Map.of("X-API-Key", server.api().key())));
    Page page = browser.contexts().get(0).newPage();
    page.navigate(pageUrl);
    assertThat(page.textContent("#msg")).isEqualTo("hello from 127.0.0.1");
    browser.close();

    Api.Reply viaQuery = server.api().as(null).get("/connect/json/version/?apiKey=" + server.api().key());
    assertThat(viaQuery.status()).as(viaQuery.body()).isEqualTo(200);
    assertThat(viaQuery.json().get("webSocketDebuggerUrl").asText()).contains("/cdp?token=");
    assertThat(viaQuery.json().get("Browser").asText()).contains("Chrome");

    JsonNode live = server.api().get("/v1/sessions?status=running").json().get("items");
    for (JsonNode s : live) {
      String id = s.get("id").asText();
      assertThat(server.api().delete("/v1/sessions/" + id).json().get("status").asText()).isEqualTo("stopped");
      assertThat(ChromiumProcesses.matching(id)).isZero();
    }
  }

  @Test
  void aLiveStatusListPagesNewestFirstAndLeavesTheEndedOnesToTheirOwnFilter() {
    Api tenant = server.api().newTenant("lists", 5);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(tenant.post("/v1/sessions", "{}").json().get("id").asText());
    }
    try {
      Poll.until(Poll.START_DEADLINE, "three sessions to run",
          () -> tenant.get("/v1/sessions?status=running").json().get("items").size() == 3);
      assertThat(tenant.delete("/v1/sessions/" + ids.get(1)).status()).isEqualTo(200);
      JsonNode first = tenant.get("/v1/sessions?status=running&limit=1").json();
      assertThat(first.get("items")).extracting(j -> j.get("id").asText()).containsExactly(ids.get(2));
      JsonNode second = tenant.get("/v1/sessions?status=running&limit=1&cursor="
          + first.get("nextCursor").asText()).json();
      assertThat(second.get("items")).extracting(j -> j.get("id").asText()).containsExactly(ids.get(0));
      JsonNode third = tenant.get("/v1/sessions?status=running&limit=1&cursor="
          + second.get("nextCursor").asText()).json();
      assertThat(third.get("items")).isEmpty();
      assertThat(third.get("nextCursor").isNull()).isTrue();
      assertThat(tenant.get("/v1/sessions?status=stopped").json().get("items"))
          .extracting(j -> j.get("id").asText()).containsExactly(ids.get(1));
      assertThat(tenant.get("/v1/sessions?status=starting").json().get("items")).isEmpty();
    } finally {
      ids.forEach(id -> tenant.delete("/v1/sessions/" + id));
    }
  }

  @Test
  void healthMetricsAndOpenApiAnswerWithoutAKey() {
    Api anonymous = server.api().as(null);
    Api.Reply health = anonymous.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(health.header("X-Request-Id")).isNotBlank();
    Api.Reply metrics = anonymous.get("/metrics");
    assertThat(metrics.body()).contains("browsergrid_sessions{status=\"running\"}")
        .contains("browsergrid_sessions_created_total").contains("browsergrid_http_requests_total{");
    assertThat(anonymous.get("/openapi.json").json().get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(anonymous.get("/docs").body()).contains("BrowserGrid API");
    assertThat(anonymous.get("/v1/sessions").status()).isEqualTo(401);
  }
}
