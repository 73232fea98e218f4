package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.Eventually;
import io.browsergrid.TestCores;
import io.browsergrid.TestCores.Reply;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a deployment (two cores on one store, as two Lambda instances on one table) deliver at most one
 * run of a tenant at once when bounded so: while the first instance waits on acme's slow receiver, the second puts
 * acme's next event back in the queue with a short delay, and delivers another tenant's at once. An endpoint one
 * instance found down is skipped by the other without a request of its own.
 */
class TenantFairDeliveryTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final List<Queued> queued = new CopyOnWriteArrayList<>();
  private final EventQueue queue = (ref, delay) -> queued.add(new Queued(ref, delay));
  private final BrowserGridCore first = core();
  private final BrowserGridCore second = core();
  private final CountDownLatch slowReceiverHeld = new CountDownLatch(1);
  private final CountDownLatch releaseSlowReceiver = new CountDownLatch(1);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final HttpServer receiver;

  private record Queued(EventRef ref, Duration delay) {}

  TenantFairDeliveryTest() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(executor);
    receiver.createContext("/", exchange -> {
      received.add(exchange.getRequestURI().getPath());
      exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().equals("/down")) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      if (exchange.getRequestURI().getPath().equals("/acme")) {
        slowReceiverHeld.countDown();
        try {
          releaseSlowReceiver.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    releaseSlowReceiver.countDown();
    receiver.stop(0);
    executor.shutdownNow();
  }

  @Test
  void aTenantsSlowReceiverHoldsOneRunAcrossInstancesAndNoOtherTenantWaits() throws Exception {
    String acme = tenant("acme");
    String globex = tenant("globex");
    subscribe(acme, "/acme");
    subscribe(globex, "/globex");
    EventRef acmeFirst = runningEvent(acme);
    EventRef acmeNext = runningEvent(acme);
    EventRef globexEvent = runningEvent(globex);

    CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> first.deliverWebhooks().deliver(acmeFirst),
        executor);
    assertThat(slowReceiverHeld.await(30, TimeUnit.SECONDS)).as("acme's receiver got the first event").isTrue();

    queued.clear();
    second.deliverWebhooks().deliver(acmeNext);
    assertThat(queued).as("acme's next event, back in the queue").extracting(Queued::ref).containsExactly(acmeNext);
    assertThat(queued.get(0).delay()).isEqualTo(WebhookDeliverer.TENANT_BUSY_WAIT);
    second.deliverWebhooks().deliver(globexEvent);
    assertThat(received).as("globex is not held up by acme").containsExactly("/acme", "/globex");

    releaseSlowReceiver.countDown();
    slow.get(30, TimeUnit.SECONDS);
    second.deliverWebhooks().deliver(acmeNext);
    assertThat(received).containsExactly("/acme", "/globex", "/acme");
  }

  @Test
  void anEndpointOneInstanceFoundDownIsSkippedByTheOthers() {
    String acme = tenant("acme");
    subscribe(acme, "/down");
    for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
      first.deliverWebhooks().deliver(runningEvent(acme));
    }
    assertThat(received).hasSize(CircuitBreaker.FAILURES_TO_OPEN);

    EventRef next = runningEvent(acme);
    queued.clear();
    second.deliverWebhooks().deliver(next);

    assertThat(received).as("the other instance sends nothing to the open endpoint")
        .hasSize(CircuitBreaker.FAILURES_TO_OPEN);
    assertThat(queued).extracting(Queued::ref).containsExactly(next);
    assertThat(queued.get(0).delay()).as("until the circuit may close").isPositive()
        .isLessThanOrEqualTo(CircuitBreaker.FIRST_OPEN);
  }

  private BrowserGridCore core() {
    return TestCores.start(store, new FakeBrowserProvider(), queue, 10, 0, 2, executor, Clock.systemUTC(),
        b -> b.deliveriesPerTenant(1));
  }

  private String tenant(String name) {
    Reply made = TestCores.call(first, TestCores.OPERATOR_KEY, "POST", "/v1/tenants", "{\"name\":\"" + name + "\"}");
    assertThat(made.status()).as("tenant: %s", made.json()).isEqualTo(201);
    return made.json().path("adminKey").asText();
  }

  private void subscribe(String key, String path) {
    Reply made = TestCores.call(first, key, "POST", "/v1/webhooks", "{\"url\":\"http://127.0.0.1:"
        + receiver.getAddress().getPort() + path + "\",\"events\":[\"session.running\"]}");
    assertThat(made.status()).as("webhook: %s", made.json()).isEqualTo(201);
  }

  /** Creates a session with {@code key}; the ref of its {@code session.running} event, as queued. */
  private EventRef runningEvent(String key) {
    queued.clear();
    Reply created = TestCores.call(first, key, "POST", "/v1/sessions", "{}");
    assertThat(created.json().path("status").asText()).isEqualTo("running");
    Eventually.until("the session's events to be queued", () -> queued.size() >= 2);
    // the session's events in the order written: created, then running
    return queued.get(queued.size() - 1).ref();
  }
}
