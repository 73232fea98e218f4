package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile tenant with a member key, through nothing but its own session's {@code cdpUrl}, tries every way out of
 * its browser it could think of; each must fail, and afterwards the victim (another tenant's live session) and the
 * attacker's own session must both still work, the victim unchanged. Default settings: private addresses refused.
 */
class HostileTenantIT {
  private static ServerFixture server;
  private static HttpServer site;
  private static final AtomicInteger siteRequests = new AtomicInteger();
  private static Api victim;
  private static JsonNode victimSession;
  private static Api attacker;
  private static JsonNode attackerSession;
  private static TenantTab tab;

  @BeforeAll
  static void start() throws Exception {
    server = new ServerFixture();
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      siteRequests.incrementAndGet();
      byte[] body = "private page".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();
    victim = server.api().newTenant("victim", 2);
    victimSession = victim.post("/v1/sessions", "{}").json();
    try (TenantTab v = TenantTab.open(victimSession.get("cdpUrl").asText())) {
      v.browser().call("Storage.setCookies",
          "{\"cookies\":[{\"name\":\"victim\",\"value\":\"s3cret\",\"domain\":\"example.com\",\"path\":\"/\"}]}");
    }
    Api attackerAdmin = server.api().newTenant("attacker", 2);
    String memberKey = attackerAdmin.post("/v1/api-keys", "{\"name\":\"ci\",\"role\":\"member\"}").json()
        .get("key").asText();
    attacker = attackerAdmin.as(memberKey);
    Api.Reply created = attacker.post("/v1/sessions", "{}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    attackerSession = created.json();
    tab = TenantTab.open(attackerSession.get("cdpUrl").asText());
  }

  @AfterAll
  static void stop() throws Exception {
    tab.close();
    site.stop(0);
    server.close();
    assertThat(server.chromiumProcesses()).as("Chromium processes left behind").isZero();
  }

  /** After every attempt: both sessions still answer, and the victim's cookie is still there and still its own. */
  @AfterEach
  void bothSessionsStillWorkAndTheVictimIsUnchanged() throws Exception {
    try (TenantTab v = TenantTab.open(victimSession.get("cdpUrl").asText())) {
      assertThat(v.browser().call("Storage.getCookies", null).toString()).contains("s3cret");
    }
    assertThat(victim.get("/v1/sessions/" + victimSession.get("id").asText()).json().get("status").asText())
        .isEqualTo("running");
    assertThat(tab.browser().call("Browser.getVersion", null).get("product").asText())
        .as(attacker.get("/v1/sessions/" + attackerSession.get("id").asText()).body()).contains("Chrome/");
    assertThat(tab.browser().call("Storage.getCookies", null).toString()).doesNotContain("s3cret");
  }

  @Test
  void fileAndChromeUrlsAreBlocked() throws Exception {
    for (String url : List.of("file:///etc/passwd", "file://" + server.dataDir() + "/", "file:///",
        "chrome://version", "view-source:file:///etc/passwd")) {
      JsonNode nav = tab.navigate(url);
      assertThat(nav.path("errorText").asText()).as(url).isNotEmpty();
      assertThat(tab.eval("document.documentElement ? document.documentElement.innerText : ''"))
          .as(url).doesNotContain("root:x:0:0").doesNotContain("secret.key").doesNotContain("browsergrid.db");
    }
  }

  @Test
  void systemInfoTellsNothingAboutTheHost() throws Exception {
    String info = tab.browser().call("SystemInfo.getInfo", null).toString();
    assertThat(info).doesNotContain(server.dataDir().toString()).doesNotContain("secret")
        .doesNotContain("--no-sandbox");
    String processes = tab.browser().call("SystemInfo.getProcessInfo", null).toString();
    assertThat(processes).doesNotContain(server.dataDir().toString());
  }

  @Test
  void downloadsCannotReachAHostFolder() throws Exception {
    Path hostFolder = Files.createTempDirectory("hostile-downloads");
    try {
      boolean accepted;
      try {
        tab.browser().call("Browser.setDownloadBehavior",
            "{\"behavior\":\"allow\",\"downloadPath\":\"" + hostFolder + "\",\"eventsEnabled\":true}");
        accepted = true;
      } catch (IllegalStateException refused) {
        accepted = false;
      }
      tab.navigate("about:blank");
      tab.eval("(() => { const a = document.createElement('a'); a.href = 'data:text/plain,ssh-ed25519 AAAA owned';"
          + " a.download = 'authorized_keys'; document.body.appendChild(a); a.click(); return 'clicked'; })()");
      if (accepted) {
        // the download ends one way or the other; either way nothing lands on the host
        JsonNode begun = tab.browser().event("Browser.downloadWillBegin", 30);
        assertThat(begun.get("suggestedFilename").asText()).startsWith("authorized_keys");
        JsonNode ended = tab.browser().event("Browser.downloadProgress",
            p -> p.path("state").asText().matches("completed|canceled"), Poll.START_DEADLINE.toSeconds());
        assertThat(ended.get("guid").asText()).isEqualTo(begun.get("guid").asText());
      }
      try (Stream<Path> files = Files.list(hostFolder)) {
        assertThat(files).as("files written into the host folder").isEmpty();
      }
    } finally {
      try (Stream<Path> files = Files.list(hostFolder)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.delete(hostFolder);
    }
  }

  @Test
  void fileInputsCannotUploadHostFiles() throws Exception {
    tab.navigate("about:blank");
    tab.eval("document.body.innerHTML = '<input type=file id=f>'; 'ok'");
    int root = tab.call("DOM.getDocument", null).get("root").get("nodeId").asInt();
    int input = tab.call("DOM.querySelector", "{\"nodeId\":" + root + ",\"selector\":\"#f\"}").get("nodeId").asInt();
    for (Path hostFile : List.of(Path.of("/etc/passwd"), server.dataDir().resolve("secret.key"),
        server.dataDir().resolve("browsergrid.db"))) {
      try {
        tab.call("DOM.setFileInputFiles", "{\"nodeId\":" + input + ",\"files\":[\"" + hostFile + "\"]}");
      } catch (IllegalStateException refused) {
        continue;
      }
      String read = tab.eval("new Promise(r => { const f = document.getElementById('f').files[0];"
          + " if (!f) { r('no file'); return; } f.text().then(r, e => r('unreadable: ' + e)); })");
      // the sandbox's own /etc/passwd names only its browser user; the data dir does not exist in there at all
      if (hostFile.startsWith(server.dataDir())) {
        assertThat(read).as(hostFile.toString()).matches("(?s)(no file|unreadable: .*)");
      } else {
        assertThat(read).as(hostFile.toString()).doesNotContain("root:x:0:0");
      }
    }
  }

  @Test
  void pagesReachNeitherTheControlPlaneNorPrivateNorMetadataAddresses() throws Exception {
    int port = server.address().getPort();
    long refusedBefore = egressRefused();
    for (String url : List.of("http://127.0.0.1:" + port + "/metrics", "http://localhost:" + port + "/health",
        "http://169.254.169.254/latest/meta-data/", "http://169.254.170.2/v2/credentials",
        "http://127.0.0.1:" + site.getAddress().getPort() + "/", "https://127.0.0.1:" + site.getAddress().getPort() + "/",
        "http://localhost:" + site.getAddress().getPort() + "/", "http://10.0.0.1/", "http://[::1]:" + port + "/",
        "http://127.0.0.1:9222/json/list")) {
      JsonNode nav = tab.navigate(url);
      assertThat(nav.path("errorText").asText()).as(url).isNotEmpty();
    }
    String fetched = tab.eval("fetch('http://127.0.0.1:" + port + "/metrics').then(r => 'reached ' + r.status,"
        + " e => 'refused')");
    assertThat(fetched).isEqualTo("refused");
    assertThat(siteRequests).hasValue(0);
    assertThat(egressRefused()).as("refusals counted in /metrics").isGreaterThan(refusedBefore);
  }

  @Test
  void noDevToolsPortOfAnyBrowserListensOnTheHost() throws Exception {
    Set<String> listening = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
        String[] f = line.trim().split("\\s+");
        if ("0A".equals(f[3])) {
          listening.add("socket:[" + f[9] + "]");
        }
      }
    }
    Map<String, Long> sandboxes = ChromiumProcesses.sandboxes(server.dataDir());
    assertThat(sandboxes).hasSizeGreaterThanOrEqualTo(2);
    for (long sandbox : sandboxes.values()) {
      List<Long> tree = Stream.concat(Stream.of(sandbox), ProcessHandle.of(sandbox).stream()
          .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
      for (long pid : tree) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
          for (Path fd : (Iterable<Path>) fds::iterator) {
            String link = Files.readSymbolicLink(fd).toString();
            assertThat(listening).as("a host TCP port held by browser process " + pid).doesNotContain(link);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // a helper that exited meanwhile
        }
      }
    }
    String probe = tab.eval("fetch('http://127.0.0.1:9222/json/list').then(r => r.text(), e => 'refused')");
    assertThat(probe).isEqualTo("refused");
  }

  @Test
  void udpAndRawWebSocketsHaveNoWayOut() throws Exception {
    InetAddress hostAddress = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst()
        .orElse(InetAddress.getLoopbackAddress());
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(hostAddress, 0))) {
      String gathered = tab.eval("new Promise(resolve => { const pc = new RTCPeerConnection({iceServers: [{urls: "
          + "'stun:" + hostAddress.getHostAddress() + ":" + udp.getLocalPort() + "'}]}); const found = [];"
          + " pc.onicecandidate = e => { if (e.candidate) { found.push(e.candidate.candidate); } else {"
          + " resolve('done ' + found.join(' | ')); } }; pc.createDataChannel('x');"
          + " pc.createOffer().then(o => pc.setLocalDescription(o)); setTimeout(() => resolve('timeout '"
          + " + found.join(' | ')), 10000); })");
      assertThat(gathered).doesNotContain("srflx").doesNotContain(hostAddress.getHostAddress());
      udp.setSoTimeout(1);
      try {
        udp.receive(new DatagramPacket(new byte[1500], 1500));
        throw new AssertionError("a STUN request reached the host from inside the sandbox");
      } catch (SocketTimeoutException nothing) {
        // nothing arrived
      }
    }
    String ws = tab.eval("new Promise(r => { const s = new WebSocket('ws://127.0.0.1:" + site.getAddress().getPort()
        + "/ws'); s.onopen = () => r('open'); s.onerror = () => r('refused'); })");
    assertThat(ws).isEqualTo("refused");
    assertThat(siteRequests).hasValue(0);
  }

  @Test
  void healthSaysTheBrowsersAreSandboxed() {
    assertThat(server.api().get("/health").json().get("sandbox").asText()).isEqualTo("bubblewrap");
  }

  @Test
  void switchesThatWouldOpenTheSandboxAreRefusedByName() {
    for (String arg : List.of("--blink-settings=allowFileAccessFromFileURLs=true",
        "--blink-settings=allowUniversalAccessFromFileURLs=true", "--proxy-server=http://127.0.0.1:1",
        "--window-size=100000,100000", "--no-sandbox")) {
      Api.Reply refused = attacker.post("/v1/sessions", "{\"browser\":{\"args\":[\"" + arg + "\"]}}");
      assertThat(refused.status()).as(arg).isEqualTo(400);
      assertThat(refused.body()).as(arg).contains("browser.args[0]");
    }
  }

  @Test
  void aProxyOnAPrivateAddressIsRefusedUnlessAllowed() throws Exception {
    try (TestProxy proxy = new TestProxy()) {
      Api.Reply created = attacker.post("/v1/sessions", "{\"proxy\":{\"server\":\"http://u:p4ss@127.0.0.1:"
          + proxy.port() + "\"}}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(created.body()).doesNotContain("p4ss");
      try (TenantTab proxied = TenantTab.open(created.json().get("cdpUrl").asText())) {
        assertThat(proxied.navigate("http://example.com/").path("errorText").asText()).isNotEmpty();
      }
      assertThat(proxy.requests()).isEmpty();
      attacker.delete("/v1/sessions/" + created.json().get("id").asText());
    }
  }

  private static long egressRefused() {
    for (String line : server.api().get("/metrics").body().split("\n")) {
      if (line.startsWith("browsergrid_egress_refused_total ")) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    throw new AssertionError("no browsergrid_egress_refused_total in /metrics");
  }
}
