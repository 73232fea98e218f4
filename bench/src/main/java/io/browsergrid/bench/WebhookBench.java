package io.browsergrid.bench;

import com.sun.net.httpserver.HttpServer;
import io.browsergrid.event.Event;
import io.browsergrid.event.InMemoryEventQueue;
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import io.browsergrid.store.Write;
import io.browsergrid.webhook.AddressGuard;
import io.browsergrid.webhook.CircuitBreaker;
import io.browsergrid.webhook.RetryPolicy;
import io.browsergrid.webhook.SecretBox;
import io.browsergrid.webhook.Webhook;
import io.browsergrid.webhook.TenantDeliverySlots;
import io.browsergrid.webhook.WebhookDeliverer;
import io.browsergrid.webhook.WebhookRepository;
import io.browsergrid.webhook.WebhookSender;
import io.browsergrid.webhook.WebhookSigner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Webhook delivery through the real pipeline (SQLite outbox, in-process queue, signed POSTs over loopback) to a
 * local receiver: 1000 state changes committed as fast as they go, then events per second and commit → receipt.
 */
final class WebhookBench {
  private WebhookBench() {}

  /** Returns {events per second, p50 ms, p99 ms}. */
  static double[] run(int events) throws Exception {
    var dir = Files.createTempDirectory("browsergrid-bench-webhooks");
    Map<String, Long> committedAt = new ConcurrentHashMap<>();
    List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(events);
    long[] lastReceipt = new long[1];
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    ExecutorService receiving = Executors.newFixedThreadPool(32);
    receiver.setExecutor(receiving);
    receiver.createContext("/hook", exchange -> {
      long now = System.nanoTime();
      exchange.getRequestBody().readAllBytes();
      Long committed = committedAt.remove(exchange.getRequestHeaders().getFirst("webhook-id"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      if (committed != null) {
        latencies.add((now - committed) / 1e6);
        synchronized (lastReceipt) {
          lastReceipt[0] = Math.max(lastReceipt[0], now);
        }
        all.countDown();
      }
    });
    receiver.start();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    try (SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("db"));
        InMemoryEventQueue queue = new InMemoryEventQueue(32, Duration.ofMillis(25))) {
      JsonCodec json = new JsonCodec();
      Outbox outbox = new Outbox(store, json, queue);
      WebhookRepository hooks = new WebhookRepository(store, json);
      byte[] key = new byte[32];
      random.nextBytes(key);
      SecretBox box = new SecretBox(key);
      String tenant = "bench";
      hooks.create(new Webhook("wh_0000000000000001", tenant,
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", Event.TYPES,
          box.seal(WebhookSigner.newSecret(random)), clock.instant().minusSeconds(1)), 1);
      AddressGuard guard = new AddressGuard(true, InetAddress::getAllByName);
      WebhookDeliverer deliverer = new WebhookDeliverer(outbox, hooks, queue, guard,
          new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10)), new RetryPolicy(random),
          new CircuitBreaker(clock), TenantDeliverySlots.unbounded(), box, json, new Metrics(Map::of), clock);
      queue.consumeWith(deliverer::deliver);
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        Event event = new Event(String.format("evt_%08d", i), tenant, Event.SESSION_RUNNING, clock.instant(),
            Map.of("id", "s" + i, "status", "running"));
        committedAt.put(event.id(), System.nanoTime());
        store.write("tenant:" + tenant, List.of(Write.create("state:" + i, "{\"status\":\"running\"}", null),
            outbox.entry(event)));
        outbox.committed(List.of(event));
      }
      if (!all.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("only " + (events - all.getCount()) + " of " + events + " arrived");
      }
      Stats stats = Stats.of(latencies);
      double seconds = (lastReceipt[0] - start) / 1e9;
      return new double[] {events / seconds, stats.median(), stats.p(0.99)};
    } finally {
      receiver.stop(0);
      receiving.shutdownNow();
    }
  }
}
