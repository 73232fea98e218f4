package io.browsergrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench}: the standalone issue's numbers, each next to its floor measured in the same run.
 * Prints; never fails on time.
 */
public final class Bench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path repo;
  private final Path chrome;
  private final int runs;
  private final int calls;

  private Bench(Path repo, Path chrome, int runs, int calls) {
    this.repo = repo;
    this.chrome = chrome;
    this.runs = runs;
    this.calls = calls;
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "15"));
    int calls = Integer.parseInt(System.getenv().getOrDefault("BENCH_CALLS", "1000"));
    Path chrome = Path.of(System.getenv().getOrDefault("BROWSERGRID_CHROME_PATH", "/usr/lib/chromium/chromium"));
    new Bench(repo, chrome, runs, calls).run();
    System.exit(0);
  }

  private void run() throws Exception {
    if ("webhooks".equals(System.getenv("BENCH_ONLY"))) {
      webhooks();
      return;
    }
    if ("lists".equals(System.getenv("BENCH_ONLY"))) {
      lists();
      return;
    }
    Path jar;
    try (var files = Files.list(repo.resolve("standalone/target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("browsergrid-standalone-.*(?<!tests)\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("build first: ./mvnw -DskipTests package"));
    }
    if ("pools".equals(System.getenv("BENCH_ONLY"))) {
      try (ServerUnderTest server = ServerUnderTest.start(repo, jar, freePort(), null)) {
        PoolBench pools = new PoolBench(http, server);
        pools.putPool("warm", 10, 40);
        pools.waitForIdle("warm", 10);
        pools.warmCreates("warm", 16, 1);
        double cpu0 = server.cpuMillis();
        Stats seq = Stats.of(pools.warmCreates("warm", 200, 1));
        double cpu1 = server.cpuMillis();
        Stats conc = Stats.of(pools.warmCreates("warm", 200, 8));
        double cpu2 = server.cpuMillis();
        System.out.printf(Locale.ROOT, "warm create: 200 sequential p50 %.1f ms p99 %.1f ms; 8 clients p50 %.1f ms p99 %.1f ms%n",
            seq.median() * 1e3, seq.p(0.99) * 1e3, conc.median() * 1e3, conc.p(0.99) * 1e3);
        System.out.printf(Locale.ROOT, "server CPU per create cycle (pool poll, create, release): sequential %.1f ms, "
            + "8 clients %.1f ms%n", (cpu1 - cpu0) / 200, (cpu2 - cpu1) / 200);
      }
      return;
    }
    if ("cold".equals(System.getenv("BENCH_ONLY"))) {
      try (ServerUnderTest server = ServerUnderTest.start(repo, jar, freePort(), null)) {
        List<Double> raw = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        coldAndRaw(server, cold, raw);
        System.out.printf(Locale.ROOT, "cold create p50 %.0f ms, raw launch → first CDP answer p50 %.0f ms: %.2f×%n",
            Stats.of(cold).median() * 1e3, Stats.of(raw).median() * 1e3,
            Stats.of(cold).median() / Stats.of(raw).median());
      }
      return;
    }
    if ("cycles".equals(System.getenv("BENCH_ONLY"))) {
      try (ServerUnderTest server = ServerUnderTest.start(repo, jar, freePort(), null)) {
        new CycleBench(http, server).run(Integer.parseInt(System.getenv().getOrDefault("BENCH_CYCLES", "1000")));
      }
      return;
    }
    if ("burst".equals(System.getenv("BENCH_ONLY"))) {
      try (ServerUnderTest server = ServerUnderTest.start(repo, jar, freePort(), null)) {
        burst(server);
      }
      return;
    }
    if ("rtt".equals(System.getenv("BENCH_ONLY"))) {
      try (ServerUnderTest server = ServerUnderTest.start(repo, jar, freePort(), null)) {
        for (int i = 0; i < 3; i++) {
          double[] rtt = roundTrips(server);
          System.out.printf(Locale.ROOT, "CDP round trip: proxy + sandbox %.1f µs, direct to raw %.1f µs, socat %.1f µs, "
              + "the sandbox's socket without the server %.1f µs: +%.1f µs (socat +%.1f, sandbox alone +%.1f)%n",
              rtt[1], rtt[0], rtt[2], rtt[3], rtt[1] - rtt[0], rtt[2] - rtt[0], rtt[3] - rtt[0]);
        }
        double[] pss = memory(server, 5);
        System.out.printf(Locale.ROOT, "session PSS %.1f MiB, raw Chromium %.1f MiB: +%.1f MiB%n", pss[0], pss[1],
            pss[0] - pss[1]);
      }
      return;
    }
    System.out.printf("BrowserGrid benchmarks: %d runs per cold measurement, %d CDP calls per round, %s%n%n",
        runs, calls, chrome);

    Path cds = Files.createTempDirectory("browsergrid-bench-cds").resolve("app.jsa");
    List<Double> startNoCds = new ArrayList<>();
    List<Double> startCds = new ArrayList<>();
    try (ServerUnderTest first = ServerUnderTest.start(repo, jar, freePort(), "-XX:ArchiveClassesAtExit=" + cds)) {
      startNoCds.add(first.startSeconds);
    }
    for (int i = 0; i < 5; i++) {
      try (ServerUnderTest s = ServerUnderTest.start(repo, jar, freePort(), null)) {
        startNoCds.add(s.startSeconds);
      }
      try (ServerUnderTest s = ServerUnderTest.start(repo, jar, freePort(), "-XX:SharedArchiveFile=" + cds)) {
        startCds.add(s.startSeconds);
      }
    }

    try (ServerUnderTest server = ServerUnderTest.start(repo, jar, freePort(), "-XX:SharedArchiveFile=" + cds)) {
      Thread.sleep(3000);
      double idleRss = server.rssMiB();
      List<Double> raw = new ArrayList<>();
      List<Double> cold = new ArrayList<>();
      coldAndRaw(server, cold, raw);
      double[] rtt = roundTrips(server);
      double[] pss = memory(server, 5);
      PoolBench pools = new PoolBench(http, server);
      pools.putPool("warm", 10, 40);
      pools.putPool("cold", 0, 10);
      pools.waitForIdle("warm", 10);
      pools.warmCreates("warm", 16, 1);
      Stats warmSeq = Stats.of(pools.warmCreates("warm", 200, 1));
      Stats warmConc = Stats.of(pools.warmCreates("warm", 200, 8));
      List<Double> qcWarm = new ArrayList<>();
      List<Double> qcCold = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        pools.waitForIdle("warm", 2);
        qcWarm.add(pools.quickConnect("warm"));
        qcCold.add(pools.quickConnect("cold"));
      }
      Thread.sleep(3000);
      double afterRss = server.rssMiB();

      Stats rawS = Stats.of(raw);
      Stats coldS = Stats.of(cold);
      System.out.println("| measurement | BrowserGrid | floor | ratio / overhead | target |");
      System.out.println("| --- | --- | --- | --- | --- |");
      System.out.printf(Locale.ROOT, "| cold create → running, p50 (p90) | %.0f ms (%.0f) | raw launch → first CDP answer %.0f ms (%.0f) | %.2f× | ≤ 1.15× |%n",
          coldS.median() * 1e3, coldS.p(0.9) * 1e3, rawS.median() * 1e3, rawS.p(0.9) * 1e3,
          coldS.median() / rawS.median());
      System.out.printf(Locale.ROOT, "| CDP round trip `1+1`, median of %d | %.1f µs via proxy + sandbox | %.1f µs direct to raw Chromium | +%.1f µs | ≤ 50 µs |%n",
          calls * 5, rtt[1], rtt[0], rtt[1] - rtt[0]);
      System.out.printf(Locale.ROOT, "| the raw one through socat (a minimal C relay), for scale | %.1f µs | %.1f µs direct | +%.1f µs | |%n",
          rtt[2], rtt[0], rtt[2] - rtt[0]);
      System.out.printf(Locale.ROOT, "| the sandbox's own socket through socat, without the server (where the cost is) | %.1f µs | %.1f µs direct | +%.1f µs | |%n",
          rtt[3], rtt[0], rtt[3] - rtt[0]);
      System.out.printf(Locale.ROOT, "| one live session's PSS, blank page, whole tree incl. sandbox, median of 5 | %.1f MiB | raw Chromium %.1f MiB | +%.1f MiB | ≤ +10 MiB |%n",
          pss[0], pss[1], pss[0] - pss[1]);
      System.out.printf(Locale.ROOT, "| warm create → running, 200 sequential: p50 (p99) | %.1f ms (%.1f) | cold create %.0f ms | %.3f× | p50 ≤ 10 ms, p99 ≤ 30 ms, ≤ 0.05× |%n",
          warmSeq.median() * 1e3, warmSeq.p(0.99) * 1e3, coldS.median() * 1e3, warmSeq.median() / coldS.median());
      System.out.printf(Locale.ROOT, "| warm create → running, 200 from 8 clients: p50 (p99) | %.1f ms (%.1f) | cold create %.0f ms | %.3f× | p50 ≤ 10 ms, p99 ≤ 30 ms |%n",
          warmConc.median() * 1e3, warmConc.p(0.99) * 1e3, coldS.median() * 1e3, warmConc.median() / coldS.median());
      System.out.printf(Locale.ROOT, "| quick connect → page usable over CDP, p50 | %.0f ms warm | %.0f ms cold | %.2f× | ≤ 0.25× |%n",
          Stats.of(qcWarm).median() * 1e3, Stats.of(qcCold).median() * 1e3,
          Stats.of(qcWarm).median() / Stats.of(qcCold).median());
      System.out.printf(Locale.ROOT, "| start → first 200 on /health, median | %.0f ms (AppCDS) / %.0f ms (no CDS) | | | ≤ 1000 ms |%n",
          Stats.of(startCds).median() * 1e3, Stats.of(startNoCds).median() * 1e3);
      System.out.printf(Locale.ROOT, "| server RSS idle after start / after the runs above | %.0f MiB / %.0f MiB | | | ≤ 150 MB |%n",
          idleRss, afterRss);
    }
    webhooks();
    lists();
  }

  /** 40 cold creates at once next to 40 raw launches at once, twice each, interleaved; prints each round. */
  private void burst(ServerUnderTest server) throws Exception {
    BurstBench burst = new BurstBench(http, chrome);
    for (int round = 0; round < 2; round++) {
      List<Double> raw = burst.raw(40);
      List<Double> created = burst.creates(server, 40);
      double rawP50 = Stats.of(raw).median();
      double rawLast = raw.get(raw.size() - 1);
      double p50 = Stats.of(created).median();
      double last = created.get(created.size() - 1);
      System.out.printf(Locale.ROOT, "| burst: 40 cold creates at once → running, p50 / last (round %d) | %.1f s / %.1f s "
          + "| 40 raw launches at once → first CDP answer %.1f s / %.1f s | %.2f× / %.2f× | ≤ 0.7× / ≤ 1.0× |%n",
          round + 1, p50, last, rawP50, rawLast, p50 / rawP50, last / rawLast);
    }
  }

  /** A live-status list with 10,000 ended sessions beside it, next to the same list with none, in one run. */
  private static void lists() throws Exception {
    ListBench.run(100, 0, 200);
    double none = ListBench.run(100, 0, 200);
    double history = ListBench.run(100, 10_000, 200);
    System.out.printf(Locale.ROOT, "| `GET /v1/sessions?status=running&limit=100`, 100 live, through the handler, "
        + "median of 200 | %.2f ms with 10,000 ended | %.2f ms with none ended | %.2f× | ≤ 2× |%n", history, none,
        history / none);
  }

  private static void webhooks() throws Exception {
    WebhookBench.run(200);
    double[] hooks = WebhookBench.run(1000);
    System.out.printf(Locale.ROOT, "| webhooks: 1000 events queued → local receiver | %.0f events/s, p50 %.1f ms, p99 %.1f ms | | | ≥ 500/s, p99 ≤ 250 ms |%n",
        hooks[0], hooks[1], hooks[2]);
  }

  /** Three warm-up rounds, then {@code runs} cold creates and raw launches, interleaved, into the two lists. */
  private void coldAndRaw(ServerUnderTest server, List<Double> cold, List<Double> raw) throws Exception {
    for (int i = 0; i < 3; i++) {
      rawLaunch();
      coldCreate(server);
    }
    for (int i = 0; i < runs; i++) {
      raw.add(rawLaunch());
      cold.add(coldCreate(server));
    }
  }

  private double rawLaunch() throws Exception {
    long t0 = System.nanoTime();
    try (RawChromium raw = RawChromium.launch(chrome); CdpClient cdp = CdpClient.connect(http, raw.endpoint)) {
      cdp.call("Browser.getVersion", "{}", null);
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private double coldCreate(ServerUnderTest server) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = send(server, "POST", "/v1/sessions", "{}");
    double seconds = (System.nanoTime() - t0) / 1e9;
    JsonNode session = JSON.readTree(r.body());
    if (r.statusCode() != 201 || !"running".equals(session.path("status").asText())) {
      throw new IllegalStateException("create failed: " + r.body());
    }
    send(server, "DELETE", "/v1/sessions/" + session.get("id").asText(), null);
    return seconds;
  }

  /**
   * Median microseconds per {@code Runtime.evaluate(1+1)}: [direct to a raw Chromium (no sandbox, its DevTools port
   * on loopback), via the proxy to a session's sandboxed browser, through socat to the raw one], interleaved rounds.
   * A sandboxed browser has no port on the host, so the floor is the same call on an unsandboxed one.
   */
  private double[] roundTrips(ServerUnderTest server) throws Exception {
    JsonNode session = JSON.readTree(send(server, "POST", "/v1/sessions", "{\"idleTimeoutSeconds\":0}").body());
    String id = session.get("id").asText();
    Path browser = server.dataDir.resolve("browsers").resolve(id);
    try (RawChromium raw = RawChromium.launch(chrome)) {
      URI rawUrl = URI.create(raw.endpoint);
      SocatRelay socat = SocatRelay.start(freePort(), rawUrl.getPort());
      SocatRelay toSandbox = SocatRelay.toUnix(freePort(), browser.resolve("run/cdp.sock"));
      // the browser's own WebSocket path, as its DevTools server tells it through the sandbox's socket
      String wsPath = toSandbox == null ? null : URI.create(JSON.readTree(http.send(HttpRequest.newBuilder(
          URI.create(toSandbox.url("/json/version").replace("ws://", "http://"))).build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("webSocketDebuggerUrl").asText()).getRawPath();
      try (CdpClient d = CdpClient.connect(http, raw.endpoint);
          CdpClient p = CdpClient.connect(http, session.get("cdpUrl").asText());
          CdpClient r = socat == null ? null : CdpClient.connect(http, socat.url(rawUrl.getRawPath()));
          CdpClient u = toSandbox == null ? null : CdpClient.connect(http, toSandbox.url(wsPath))) {
        String ds = page(d);
        String ps = page(p);
        String us = u == null ? null : page(u);
        String rs = r == null ? null : r.call("Target.attachToTarget", "{\"targetId\":\""
            + d.call("Target.createTarget", "{\"url\":\"about:blank\"}", null).get("targetId").asText()
            + "\",\"flatten\":true}", null).get("sessionId").asText();
        List<Double> viaDirect = new ArrayList<>();
        List<Double> viaProxy = new ArrayList<>();
        List<Double> viaSocat = new ArrayList<>();
        List<Double> viaSandboxSocket = new ArrayList<>();
        evaluate(d, ds, calls / 2, null);
        evaluate(p, ps, calls / 2, null);
        for (int round = 0; round < 5; round++) {
          evaluate(d, ds, calls, viaDirect);
          evaluate(p, ps, calls, viaProxy);
          if (r != null) {
            evaluate(r, rs, calls, viaSocat);
          }
          if (u != null) {
            evaluate(u, us, calls, viaSandboxSocket);
          }
        }
        return new double[] {Stats.of(viaDirect).median(), Stats.of(viaProxy).median(),
            r == null ? Double.NaN : Stats.of(viaSocat).median(),
            u == null ? Double.NaN : Stats.of(viaSandboxSocket).median()};
      } finally {
        if (socat != null) {
          socat.close();
        }
        if (toSandbox != null) {
          toSandbox.close();
        }
      }
    } finally {
      send(server, "DELETE", "/v1/sessions/" + id, null);
    }
  }

  /** A new blank page on {@code client}'s browser, attached: its session id. */
  private static String page(CdpClient client) throws Exception {
    String target = client.call("Target.createTarget", "{\"url\":\"about:blank\"}", null).get("targetId").asText();
    return client.call("Target.attachToTarget", "{\"targetId\":\"" + target + "\",\"flatten\":true}", null)
        .get("sessionId").asText();
  }

  /**
   * PSS in MiB of one live session's whole tree (sandbox, forwarders, every Chromium process) and of a raw Chromium,
   * each with one blank page open, medians of {@code n}: [session, raw].
   */
  private double[] memory(ServerUnderTest server, int n) throws Exception {
    List<Double> session = new ArrayList<>();
    List<Double> rawPss = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonNode s = JSON.readTree(send(server, "POST", "/v1/sessions", "{\"idleTimeoutSeconds\":0}").body());
      String id = s.get("id").asText();
      try (RawChromium raw = RawChromium.launch(chrome); CdpClient r = CdpClient.connect(http, raw.endpoint);
          CdpClient p = CdpClient.connect(http, s.get("cdpUrl").asText())) {
        page(r);
        page(p);
        // both settle: the page's renderer has started and allocated by the time it answers
        evaluate(r, page(r), 10, null);
        evaluate(p, page(p), 10, null);
        rawPss.add(Pss.ofTree(raw.pid()));
        session.add(Pss.ofTree(Pss.sandboxOf(server.dataDir.resolve("browsers").resolve(id))));
      } finally {
        send(server, "DELETE", "/v1/sessions/" + id, null);
      }
    }
    return new double[] {Stats.of(session).median(), Stats.of(rawPss).median()};
  }

  private static void evaluate(CdpClient client, String sessionId, int n, List<Double> micros) throws Exception {
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      client.call("Runtime.evaluate", "{\"expression\":\"1+1\"}", sessionId);
      if (micros != null) {
        micros.add((System.nanoTime() - t0) / 1e3);
      }
    }
  }

  private HttpResponse<String> send(ServerUnderTest server, String method, String path, String body) throws Exception {
    return server.send(http, method, path, body);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
