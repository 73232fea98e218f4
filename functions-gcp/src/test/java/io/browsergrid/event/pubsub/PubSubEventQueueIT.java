package io.browsergrid.event.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import com.sun.net.httpserver.HttpServer;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventQueueContract;
import io.browsergrid.event.EventRef;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PubSubEventQueue against Google's Pub/Sub emulator, delivered by push as in the cloud: a push subscription posts
 * each message to a receiver on loopback that reads it with {@link PushedEvents} and acknowledges it with 204, or,
 * when it is not due yet, refuses it with 503 so that Pub/Sub hands it out again. The port's contract, and a delayed
 * ref refused until due.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PubSubEventQueueIT extends EventQueueContract {
  private static final String PROJECT = "browsergrid-queue-it";

  private final LinkedBlockingQueue<EventRef> arrivals = new LinkedBlockingQueue<>();
  private final AtomicInteger refusedEarly = new AtomicInteger();
  private PubSubEmulator emulator;
  private TopicAdminClient topics;
  private SubscriptionAdminClient subscriptions;
  private HttpServer receiver;
  private TopicName topic;
  private SubscriptionName subscription;
  private Publisher publisher;

  @BeforeAll
  void start() throws Exception {
    emulator = new PubSubEmulator();
    topics = emulator.topics();
    subscriptions = emulator.subscriptions();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/push", exchange -> {
      int status;
      try {
        PushedEvents.Pushed pushed = PushedEvents.read(exchange.getRequestBody().readAllBytes());
        if (pushed.dueAt(Instant.now())) {
          arrivals.add(pushed.ref());
          status = 204;
        } else {
          refusedEarly.incrementAndGet();
          status = 503;
        }
      } catch (IllegalArgumentException malformed) {
        status = 400;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (topics != null) {
      topics.close();
    }
    if (subscriptions != null) {
      subscriptions.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @BeforeEach
  void newTopic() throws Exception {
    arrivals.clear();
    refusedEarly.set(0);
    String name = "events-" + UUID.randomUUID();
    topic = TopicName.of(PROJECT, name);
    subscription = SubscriptionName.of(PROJECT, name + "-push");
    topics.createTopic(topic);
    subscriptions.createSubscription(Subscription.newBuilder().setName(subscription.toString())
        .setTopic(topic.toString()).setAckDeadlineSeconds(10)
        .setPushConfig(PushConfig.newBuilder()
            .setPushEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort() + "/push"))
        .build());
    publisher = Publisher.newBuilder(topic).setChannelProvider(emulator.channels())
        .setCredentialsProvider(emulator.credentials()).build();
  }

  @AfterEach
  void deleteTopic() throws Exception {
    publisher.shutdown();
    publisher.awaitTermination(10, TimeUnit.SECONDS);
    subscriptions.deleteSubscription(subscription);
    topics.deleteTopic(topic);
  }

  @Override
  protected EventQueue queue() {
    return new PubSubEventQueue(publisher, Clock.systemUTC());
  }

  @Override
  protected List<EventRef> arrived(int count, Duration within) throws Exception {
    List<EventRef> got = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (got.size() < count && System.nanoTime() < deadline) {
      EventRef next = arrivals.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (next != null) {
        got.add(next);
      }
    }
    return got;
  }

  @Test
  void aDelayedRefIsRefusedUntilItIsDueAndThenArrives() throws Exception {
    EventRef ref = new EventRef("t1", "delayed");
    Instant queued = Instant.now();
    queue().enqueue(ref, Duration.ofSeconds(2));

    assertThat(arrived(1, ARRIVAL)).containsExactly(ref);
    assertThat(Duration.between(queued, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(refusedEarly).as("pushed before it was due, refused").hasPositiveValue();
  }
}
