package io.browsergrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A burst: {@code n} cold creates sent at once, each timed from the common start to {@code running}, next to the
 * floor, {@code n} raw Chromium launches started at once, each timed to its first CDP answer.
 */
final class BurstBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final Path chrome;

  BurstBench(HttpClient http, Path chrome) {
    this.http = http;
    this.chrome = chrome;
  }

  /** Seconds from the common start until each raw launch answered CDP, sorted. */
  List<Double> raw(int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RawChromium>> launches = new ArrayList<>();
    List<Double> seconds = Collections.synchronizedList(new ArrayList<>());
    long[] t0 = new long[1];
    for (int i = 0; i < n; i++) {
      launches.add(pool.submit(() -> {
        go.await();
        RawChromium raw = RawChromium.launch(chrome);
        try (CdpClient cdp = CdpClient.connect(http, raw.endpoint)) {
          cdp.call("Browser.getVersion", "{}", null);
        }
        seconds.add((System.nanoTime() - t0[0]) / 1e9);
        return raw;
      }));
    }
    t0[0] = System.nanoTime();
    go.countDown();
    try {
      for (Future<RawChromium> f : launches) {
        f.get(300, TimeUnit.SECONDS);
      }
    } finally {
      for (Future<RawChromium> f : launches) {
        if (f.isDone() && !f.isCancelled()) {
          try {
            f.get().close();
          } catch (Exception ignored) {
            // a launch that failed has nothing to close
          }
        }
      }
      pool.shutdownNow();
    }
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    return sorted;
  }

  /**
   * Seconds from the common start until each of {@code n} cold creates ran (its {@code session.running} time on the
   * server's timeline, which shares this machine's clock), sorted. Creates wait for running (up to the API's 25 s);
   * a later one is polled slowly, so the bench's own requests take little of the CPU the starts need.
   */
  List<Double> creates(ServerUnderTest server, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Double>> runs = new ArrayList<>();
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    Instant[] t0 = new Instant[1];
    for (int i = 0; i < n; i++) {
      runs.add(pool.submit(() -> {
        go.await();
        JsonNode s = JSON.readTree(send(server, "POST", "/v1/sessions", "{}").body());
        if (!s.has("id")) {
          throw new IllegalStateException("create refused: " + s);
        }
        String id = s.get("id").asText();
        ids.add(id);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!"running".equals(s.path("status").asText())) {
          if (!List.of("pending", "starting").contains(s.path("status").asText()) || System.nanoTime() > deadline) {
            throw new IllegalStateException("did not run: " + s);
          }
          Thread.sleep(500);
          s = JSON.readTree(send(server, "GET", "/v1/sessions/" + id, null).body());
        }
        for (JsonNode e : JSON.readTree(send(server, "GET", "/v1/sessions/" + id + "/events", null).body())
            .path("items")) {
          if ("session.running".equals(e.path("type").asText())) {
            return Duration.between(t0[0], Instant.parse(e.get("at").asText())).toNanos() / 1e9;
          }
        }
        throw new IllegalStateException("no running event: " + id);
      }));
    }
    t0[0] = Instant.now();
    go.countDown();
    List<Double> seconds = new ArrayList<>();
    try {
      for (Future<Double> f : runs) {
        seconds.add(f.get(300, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      for (String id : ids) {
        send(server, "DELETE", "/v1/sessions/" + id, null);
      }
    }
    Collections.sort(seconds);
    return seconds;
  }

  private HttpResponse<String> send(ServerUnderTest server, String method, String path, String body) throws Exception {
    return server.send(http, method, path, body);
  }
}
