package io.browsergrid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's resident memory across many create/release cycles with real Chromium: 4 clients create on a pool of
 * 8 warm browsers (a claim when one is idle, else a cold start) and release at once, and the RSS is sampled every 250
 * cycles and after a rest.
 */
final class CycleBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 4;
  private final HttpClient http;
  private final ServerUnderTest server;

  CycleBench(HttpClient http, ServerUnderTest server) {
    this.http = http;
    this.server = server;
  }

  void run(int cycles) throws Exception {
    Thread.sleep(3000);
    double idle = server.rssMiB();
    new PoolBench(http, server).putPool("cycle", 8, 40);
    AtomicInteger done = new AtomicInteger();
    List<String> samples = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long t0 = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      work.add(clients.submit(() -> {
        while (true) {
          int n = done.get();
          if (n >= cycles) {
            return null;
          }
          JsonNode s = JSON.readTree(send("POST", "/v1/sessions", "{\"pool\":\"cycle\"}").body());
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
          // a create answers at its 25 s bound still starting when the machine is loaded: wait for it as a client does
          while (!"running".equals(s.path("status").asText())) {
            String status = s.path("status").asText();
            if (!(status.equals("pending") || status.equals("starting")) || System.nanoTime() > deadline) {
              throw new IllegalStateException("create failed: " + s);
            }
            Thread.sleep(100);
            s = JSON.readTree(send("GET", "/v1/sessions/" + s.get("id").asText(), null).body());
          }
          send("DELETE", "/v1/sessions/" + s.get("id").asText(), null);
          int finished = done.incrementAndGet();
          if (finished % 250 == 0) {
            synchronized (samples) {
              samples.add(String.format(Locale.ROOT, "%d: %.0f MiB", finished, server.rssMiB()));
            }
          }
        }
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    clients.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(10_000);
    double rested = server.rssMiB();
    System.out.printf(Locale.ROOT, "%d create/release cycles from %d clients in %.0f s: server RSS idle after start"
        + " %.0f MiB; after cycles %s; 10 s after the last %.0f MiB (target ≤ 150 MiB)%n", done.get(), CLIENTS,
        seconds, idle, String.join(", ", samples), rested);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return server.send(http, method, path, body);
  }
}
