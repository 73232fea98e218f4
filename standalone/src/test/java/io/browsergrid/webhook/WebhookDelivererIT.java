package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.browsergrid.event.Event;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import io.browsergrid.store.Write;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs for one event at once (the queue's and cleanup's) on a real SQLite outbox and a real receiver. */
class WebhookDelivererIT {
  private static final String TENANT = "t1";

  /** The queue: records what is handed to it, runs nothing; the test calls the deliverer itself. */
  private record Enqueued(EventRef ref, Duration delay) {}

  private final List<Enqueued> enqueued = new CopyOnWriteArrayList<>();
  private final EventQueue queue = (ref, delay) -> enqueued.add(new Enqueued(ref, delay));
  private final CountDownLatch posting = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final Clock clock = Clock.systemUTC();
  private HttpServer receiver;
  private SqliteKeyValueStore store;
  private Outbox outbox;
  private WebhookDeliverer deliverer;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      posting.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.getResponseHeaders().add("Retry-After", "1");
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    receiver.start();
    store = new SqliteKeyValueStore(dir.resolve("db"));
    JsonCodec json = new JsonCodec();
    outbox = new Outbox(store, json, queue);
    WebhookRepository hooks = new WebhookRepository(store, json);
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    SecretBox box = new SecretBox(key);
    hooks.create(new Webhook("wh_0000000000000001", TENANT,
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", Event.TYPES,
        box.seal(WebhookSigner.newSecret(random)), clock.instant().minusSeconds(1)), 1);
    deliverer = new WebhookDeliverer(outbox, hooks, queue, new AddressGuard(true, InetAddress::getAllByName),
        new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(30)), new RetryPolicy(random),
        new CircuitBreaker(clock), TenantDeliverySlots.unbounded(), box, json, new Metrics(Map::of), clock);
  }

  @AfterEach
  void stop() {
    release.countDown();
    receiver.stop(0);
    store.close();
  }

  @Test
  void aRunThatFindsTheAttemptLeasedDoesNotPushBackTheRetryOfTheRunHoldingIt() throws Exception {
    Event event = new Event("evt_0000000000000001", TENANT, Event.SESSION_CREATED, clock.instant(),
        Map.of("id", "s1", "status", "starting"));
    store.write("tenant:" + TENANT, List.of(Write.create("state:1", "{}", null), outbox.entry(event)));
    EventRef ref = new EventRef(TENANT, event.id());

    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> deliverer.deliver(ref));
    assertThat(posting.await(30, TimeUnit.SECONDS)).as("the first run's POST reached the receiver").isTrue();
    deliverer.deliver(ref);
    assertThat(enqueued).as("the overlapping run looks again when the lease runs out").singleElement()
        .satisfies(e -> assertThat(e.delay()).isGreaterThan(Duration.ofSeconds(20)));

    Instant answeredBy = clock.instant();
    release.countDown();
    holder.get(30, TimeUnit.SECONDS);
    assertThat(enqueued).as("the run that got 503 + Retry-After: 1 queued its retry").hasSize(2);
    assertThat(enqueued.get(1).ref()).isEqualTo(ref);
    assertThat(enqueued.get(1).delay()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    Instant repairAt = outbox.get(TENANT, event.id()).orElseThrow().value().nextCheckAt();
    assertThat(repairAt).as("cleanup waits a grace past the retry instead of racing the queue for it")
        .isAfter(answeredBy.plus(WebhookDeliverer.REPAIR_GRACE));
  }
}
