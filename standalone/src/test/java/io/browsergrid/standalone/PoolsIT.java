package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Warm pools: claims are atomic, browsers are fresh, draining stops idle ones, dead ones are replaced. */
class PoolsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_MAX_SESSIONS", "80",
      // the burst below is about pools, not about refusing a long start line on a slow machine
      "BROWSERGRID_MAX_QUEUE_SECONDS", "120"));

  private static JsonNode waitForIdle(Api api, String pool, int idle) {
    return Poll.value(Poll.START_DEADLINE, pool + " to have " + idle + " idle browsers",
        () -> api.get("/v1/pools/" + pool).json(), p -> p.get("idle").asInt() == idle);
  }

  @Test
  void fiftyConcurrentCreatesGetFiftyDistinctBrowsers() throws Exception {
    Api tenant = server.api().newTenant("burst", 60);
    assertThat(tenant.send("PUT", "/v1/pools/burst", "{\"minIdle\":10,\"maxSessions\":50}").status()).isEqualTo(200);
    waitForIdle(tenant, "burst", 10);
    // no refills during the burst (idle browsers stay until maxIdleSeconds), so the hits are exactly the 10 idle ones
    assertThat(tenant.send("PUT", "/v1/pools/burst", "{\"minIdle\":0,\"maxSessions\":50}").status()).isEqualTo(200);
    long hitsBefore = claims("hit");
    long missesBefore = claims("miss");

    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      replies.add(pool.submit(() -> {
        go.await();
        return tenant.post("/v1/sessions", "{\"pool\":\"burst\"}");
      }));
    }
    go.countDown();
    List<JsonNode> sessions = new ArrayList<>();
    try {
      for (Future<Api.Reply> f : replies) {
        Api.Reply r = f.get(120, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        sessions.add(r.json());
      }
      pool.shutdown();
      // a create waits for its browser up to the API's 25 s bound, then answers starting: a cold start in a burst may
      // be pending (waiting for its turn to start) or starting then
      assertThat(sessions).allSatisfy(s -> assertThat(s.get("status").asText()).isIn("running", "starting", "pending"));
      List<JsonNode> settled = new ArrayList<>();
      for (JsonNode s : sessions) {
        String id = s.get("id").asText();
        // pending and starting end in running, or in failed at the server's own bounds
        JsonNode now = Poll.value(Poll.START_DEADLINE, id + " to run",
            () -> tenant.get("/v1/sessions/" + id).json(),
            j -> !j.get("status").asText().equals("starting") && !j.get("status").asText().equals("pending"));
        assertThat(now.get("status").asText()).as(now.toString()).isEqualTo("running");
        settled.add(now);
      }
      assertThat(claims("hit") - hitsBefore).as("warm claims").isEqualTo(10);
      assertThat(claims("miss") - missesBefore).as("cold starts").isEqualTo(40);
      String scrape = server.api().get("/metrics").body();
      assertThat(scrape).as("an open scrape names no other tenant's pool or tenant id")
          .contains("browsergrid_pool_browsers{pool=\"other-tenants\",state=\"busy\"}")
          .doesNotContain("burst").doesNotContainPattern("pool=\"t-[0-9a-f]+");

      Set<String> browsers = new HashSet<>();
      for (JsonNode s : settled) {
        browsers.add(browserId(s.get("cdpUrl").asText()));
      }
      assertThat(browsers).as("distinct browsers").hasSize(50);
      assertThat(ChromiumProcesses.sandboxes(server.dataDir()).keySet()).as("each in a live sandbox of its own")
          .containsAll(browsers);
    } finally {
      pool.shutdownNow();
      for (JsonNode s : sessions) {
        tenant.delete("/v1/sessions/" + s.get("id").asText());
      }
      assertThat(tenant.delete("/v1/pools/burst").status()).isEqualTo(204);
    }
  }

  @Test
  void aCookieSetInOnePooledSessionIsAbsentInTheNext() {
    Api tenant = server.api().newTenant("cookies", 5);
    tenant.send("PUT", "/v1/pools/fresh", "{\"minIdle\":2,\"maxSessions\":5}");
    waitForIdle(tenant, "fresh", 2);
    try (Playwright playwright = Playwright.create()) {
      JsonNode first = tenant.post("/v1/sessions", "{\"pool\":\"fresh\"}").json();
      Browser a = playwright.chromium().connectOverCDP(first.get("cdpUrl").asText());
      BrowserContext context = a.contexts().get(0);
      context.addCookies(List.of(new Cookie("secret", "alice").setDomain("example.com").setPath("/")));
      assertThat(context.cookies()).extracting(c -> c.name).contains("secret");
      a.close();
      tenant.delete("/v1/sessions/" + first.get("id").asText());

      waitForIdle(tenant, "fresh", 2);
      JsonNode second = tenant.post("/v1/sessions", "{\"pool\":\"fresh\"}").json();
      Browser b = playwright.chromium().connectOverCDP(second.get("cdpUrl").asText());
      assertThat(b.contexts().get(0).cookies()).extracting(c -> c.name).doesNotContain("secret");
      b.close();
      tenant.delete("/v1/sessions/" + second.get("id").asText());
    }
    tenant.delete("/v1/pools/fresh");
  }

  @Test
  void deletingAPoolStopsItsIdleBrowsersAndLetsBusySessionsFinish() throws Exception {
    Api tenant = server.api().newTenant("drain", 5);
    tenant.send("PUT", "/v1/pools/drained", "{\"minIdle\":2,\"maxSessions\":5}");
    waitForIdle(tenant, "drained", 2);
    JsonNode busy = tenant.post("/v1/sessions", "{\"pool\":\"drained\"}").json();
    String busyBrowser = browserId(busy.get("cdpUrl").asText());
    JsonNode counts = waitForIdle(tenant, "drained", 2);
    assertThat(counts.get("busy").asInt()).isEqualTo(1);
    Set<String> idle = new HashSet<>(ChromiumProcesses.sandboxes(server.dataDir()).keySet());
    idle.remove(busyBrowser);
    assertThat(idle).as("the idle browsers").hasSizeGreaterThanOrEqualTo(2);

    assertThat(tenant.delete("/v1/pools/drained").status()).isEqualTo(204);
    assertThat(tenant.get("/v1/pools/drained").status()).isEqualTo(404);
    Poll.until(Poll.START_DEADLINE, "the idle browsers to stop", () -> {
      Set<String> now = ChromiumProcesses.sandboxes(server.dataDir()).keySet();
      return now.contains(busyBrowser) && idle.stream().noneMatch(now::contains);
    });
    assertThat(browserId(busy.get("cdpUrl").asText())).as("the busy session still answers").isEqualTo(busyBrowser);
    Api.Reply released = tenant.delete("/v1/sessions/" + busy.get("id").asText());
    assertThat(released.json().get("status").asText()).isEqualTo("stopped");
    assertThat(ChromiumProcesses.sandboxes(server.dataDir())).doesNotContainKey(busyBrowser);
  }

  @Test
  void aKilledIdleBrowserIsReplacedAndNeverHandedOut() throws Exception {
    Api tenant = server.api().newTenant("killed", 5);
    tenant.send("PUT", "/v1/pools/fragile", "{\"minIdle\":1,\"maxSessions\":5}");
    waitForIdle(tenant, "fragile", 1);
    Map.Entry<String, Long> victim = ChromiumProcesses.sandboxes(server.dataDir()).entrySet().stream()
        .filter(e -> e.getKey().startsWith("pb-")).findFirst().orElseThrow();
    long pid = victim.getValue();
    new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
    Poll.until(Duration.ofSeconds(10), "the killed browser to be reaped",
        () -> !java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + pid)));

    JsonNode session = tenant.post("/v1/sessions", "{\"pool\":\"fragile\"}").json();
    assertThat(session.get("status").asText()).isEqualTo("running");
    assertThat(browserId(session.get("cdpUrl").asText())).as("a live browser, not the killed one")
        .isNotEqualTo(victim.getKey());
    tenant.delete("/v1/sessions/" + session.get("id").asText());
    waitForIdle(tenant, "fragile", 1);
    tenant.delete("/v1/pools/fragile");
  }

  @Test
  void aClaimedWarmBrowserThatDiesFailsItsSessionAtOnce() throws Exception {
    Api tenant = server.api().newTenant("dies", 5);
    tenant.send("PUT", "/v1/pools/dying", "{\"minIdle\":1,\"maxSessions\":5}");
    try {
      waitForIdle(tenant, "dying", 1);
      tenant.send("PUT", "/v1/pools/dying", "{\"minIdle\":0,\"maxSessions\":5}");
      JsonNode session = tenant.post("/v1/sessions", "{\"pool\":\"dying\"}").json();
      assertThat(session.get("status").asText()).isEqualTo("running");
      String browser = browserId(session.get("cdpUrl").asText());
      long pid = ChromiumProcesses.sandboxes(server.dataDir()).get(browser);
      new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
      // at once from the exit itself, or a cleanup pass later from the browser found gone: failed either way
      JsonNode ended = Poll.value(Poll.START_DEADLINE, "the session to fail",
          () -> tenant.get("/v1/sessions/" + session.get("id").asText()).json(),
          j -> !j.get("status").asText().equals("running") && !j.get("status").asText().equals("stopping"));
      assertThat(ended.get("status").asText()).isEqualTo("failed");
      assertThat(ended.get("endReason").asText()).isEqualTo("failed");
    } finally {
      tenant.delete("/v1/pools/dying");
    }
  }

  @Test
  void aTenantAtItsLimitIsRefusedWithoutClaimingAWarmBrowser() {
    Api tenant = server.api().newTenant("capped", 1);
    tenant.send("PUT", "/v1/pools/capped", "{\"minIdle\":2,\"maxSessions\":5}");
    waitForIdle(tenant, "capped", 2);
    JsonNode first = tenant.post("/v1/sessions", "{\"pool\":\"capped\"}").json();
    assertThat(first.get("status").asText()).isEqualTo("running");
    long hits = claims("hit");

    Api.Reply refused = tenant.post("/v1/sessions", "{\"pool\":\"capped\"}");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("maximum of 1 concurrent sessions");
    assertThat(claims("hit")).as("nothing claimed for the refused create").isEqualTo(hits);
    JsonNode sessions = tenant.get("/v1/sessions").json().get("items");
    assertThat(sessions).hasSize(1);
    JsonNode timeline = tenant.get("/v1/sessions/" + first.get("id").asText() + "/events").json();
    assertThat(timeline.toString()).as("a warm session's timeline").contains("session.created", "session.running");
    tenant.delete("/v1/sessions/" + first.get("id").asText());
    tenant.delete("/v1/pools/capped");
  }

  @Test
  void quickConnectTakesAWarmBrowserFromThePoolItNames() throws Exception {
    Api tenant = server.api().newTenant("quick", 3);
    tenant.send("PUT", "/v1/pools/quick", "{\"minIdle\":1,\"maxSessions\":3}");
    try {
      waitForIdle(tenant, "quick", 1);
      long hits = claims("hit");
      String url = tenant.base().replace("http", "ws") + "/connect?apiKey=" + tenant.key() + "&pool=quick";
      // the session ends with its socket, so look at its browser while the socket is open
      Map<String, Long> running = new HashMap<>();
      String browser = browserId(url, () -> running.putAll(ChromiumProcesses.sandboxes(server.dataDir())));
      assertThat(claims("hit")).as("the quick connect was a warm claim").isEqualTo(hits + 1);
      assertThat(browser).startsWith("pb-");
      assertThat(running).containsKey(browser);
      JsonNode ended = Poll.value(Duration.ofSeconds(15), "the quick-connect session to end with its socket",
          () -> tenant.get("/v1/sessions").json().get("items").get(0),
          s -> s.get("status").asText().equals("stopped"));
      assertThat(ended.get("pool").asText()).isEqualTo("quick");
      assertThat(ended.get("endReason").asText()).isEqualTo("disconnected");
    } finally {
      tenant.delete("/v1/pools/quick");
    }
  }

  private static long claims(String result) {
    String metrics = server.api().get("/metrics").body();
    long total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("browsergrid_pool_claims_total{") && line.contains("result=\"" + result + "\"")) {
        total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** The id (sandbox folder) of the browser behind a CDP URL. */
  private static String browserId(String cdpUrl) throws Exception {
    return BrowserIdentity.of(cdpUrl, server.dataDir());
  }

  /** As {@link #browserId(String)}, running {@code whileConnected} before the socket closes. */
  private static String browserId(String cdpUrl, Runnable whileConnected) throws Exception {
    return BrowserIdentity.of(cdpUrl, server.dataDir(), whileConnected);
  }
}
