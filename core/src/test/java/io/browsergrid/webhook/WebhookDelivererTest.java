package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestClock;
import io.browsergrid.TestCores;
import io.browsergrid.TestCores.Reply;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery on a clock the test moves and a queue the test empties by hand: a receiver on loopback refuses the first
 * attempt, the event is queued again with a delay, and the second attempt, once due, lands with the same id; the
 * delivery then reads as final after two attempts.
 */
class WebhookDelivererTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final RecordingQueue queue = new RecordingQueue();
  private final BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), new FakeBrowserProvider(), queue,
      10, 0, 2, executor, clock);
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
  private final List<String> receivedIds = new CopyOnWriteArrayList<>();
  private final HttpServer receiver;

  WebhookDelivererTest() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      receivedIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
      exchange.getRequestBody().readAllBytes();
      Integer status = answers.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    executor.shutdownNow();
  }

  @Test
  void aRefusedAttemptIsRetriedWhenDueWithTheSameIdAndBothAttemptsAreListed() {
    String hook = subscribe("session.running");
    answers.add(503);
    TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{}");

    deliverEverythingQueued();
    assertThat(receivedIds).as("the first attempt").hasSize(1);
    assertThat(queue.queued).as("the refused event, queued again").hasSize(1);
    Duration retryIn = queue.queued.get(0).delay();
    assertThat(retryIn).isPositive();

    deliverEverythingQueued();
    assertThat(receivedIds).as("not yet due: no second attempt").hasSize(1);

    clock.advance(retryIn);
    deliverEverythingQueued();

    assertThat(receivedIds).hasSize(2);
    assertThat(receivedIds.get(1)).isEqualTo(receivedIds.get(0));
    assertThat(queue.queued).as("delivered: nothing queued again").isEmpty();
    JsonNode delivery = TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/webhooks/" + hook + "/deliveries",
        null).json().path("items").get(0);
    assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
    assertThat(delivery.path("statusCode").asInt()).as("the last attempt's").isEqualTo(200);
    assertThat(delivery.path("nextRetryAt").isNull()).as("final").isTrue();
  }

  @Test
  void anEventNoHookSubscribesToIsDroppedWithoutAnAttempt() {
    subscribe("session.stopped");
    TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{}");

    deliverEverythingQueued();

    assertThat(receivedIds).isEmpty();
    assertThat(queue.queued).isEmpty();
  }

  private String subscribe(String event) {
    Reply made = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/webhooks", "{\"url\":\"http://127.0.0.1:"
        + receiver.getAddress().getPort() + "/hook\",\"events\":[\"" + event + "\"]}");
    assertThat(made.status()).as("webhook: %s", made.json()).isEqualTo(201);
    return made.json().path("id").asText();
  }

  /** Hands every queued event to the deliverer once, as the queue would when each is due. */
  private void deliverEverythingQueued() {
    List<Queued> due = new ArrayList<>(queue.queued);
    queue.queued.clear();
    for (Queued q : due) {
      core.deliverWebhooks().deliver(q.ref());
    }
  }

  private record Queued(EventRef ref, Duration delay) {}

  /** A queue that only remembers what it was given; the test hands it on. */
  private static final class RecordingQueue implements EventQueue {
    final List<Queued> queued = new CopyOnWriteArrayList<>();

    @Override
    public void enqueue(EventRef ref, Duration delay) {
      queued.add(new Queued(ref, delay));
    }
  }
}
