package io.browsergrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Warm pools against a running server: warm creates, and quick connect warm vs cold. */
final class PoolBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final ServerUnderTest server;

  PoolBench(HttpClient http, ServerUnderTest server) {
    this.http = http;
    this.server = server;
  }

  /** Seconds per warm create (→ running with cdpUrl), {@code n} in all from {@code clients} concurrent clients. */
  List<Double> warmCreates(String pool, int n, int clients) throws Exception {
    List<Double> times = Collections.synchronizedList(new ArrayList<>());
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool8 = Executors.newFixedThreadPool(clients);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      work.add(pool8.submit(() -> {
        for (int i = 0; i < n / clients; i++) {
          waitForIdle(pool, clients);
          long t0 = System.nanoTime();
          JsonNode s = JSON.readTree(send("POST", "/v1/sessions", "{\"pool\":\"" + pool + "\"}").body());
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (!"running".equals(s.path("status").asText()) || s.path("cdpUrl").isNull()) {
            throw new IllegalStateException("warm create failed: " + s);
          }
          times.add(seconds);
          ids.add(s.get("id").asText());
          send("DELETE", "/v1/sessions/" + s.get("id").asText(), null);
        }
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool8.shutdown();
    return times;
  }

  /** Seconds from a quick connect to a page usable over CDP (target created, attached, evaluated). */
  double quickConnect(String pool) throws Exception {
    long t0 = System.nanoTime();
    String url = "ws://127.0.0.1:" + server.port + "/connect?apiKey=" + ServerUnderTest.KEY + "&pool=" + pool;
    try (CdpClient cdp = CdpClient.connect(http, url)) {
      String target = cdp.call("Target.createTarget", "{\"url\":\"about:blank\"}", null).get("targetId").asText();
      String session = cdp.call("Target.attachToTarget", "{\"targetId\":\"" + target + "\",\"flatten\":true}", null)
          .get("sessionId").asText();
      cdp.call("Runtime.evaluate", "{\"expression\":\"1+1\"}", session);
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  void putPool(String name, int minIdle, int maxSessions) throws Exception {
    HttpResponse<String> r = send("PUT", "/v1/pools/" + name,
        "{\"minIdle\":" + minIdle + ",\"maxSessions\":" + maxSessions + "}");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("pool put failed: " + r.body());
    }
  }

  /**
   * Waits until the pool has {@code idle} idle browsers, so that every warm create measures a claim and not a miss:
   * the pool refills at its bounded start rate, which the clients must not outrun.
   */
  void waitForIdle(String pool, int idle) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (JSON.readTree(send("GET", "/v1/pools/" + pool, null).body()).get("idle").asInt() < idle) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pool " + pool + " did not fill");
      }
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return server.send(http, method, path, body);
  }
}
