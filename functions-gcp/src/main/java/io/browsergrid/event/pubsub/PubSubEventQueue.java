package io.browsergrid.event.pubsub;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.EventRefJson;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EventQueue} on one Pub/Sub topic: each ref is one message whose data {@link EventRefJson} writes. Pub/Sub
 * cannot hold a message back, so a delayed ref carries the time it is due in the attribute {@value
 * PushedEvents#NOT_BEFORE}; the push endpoint answers a message that is not due yet with a retry status, and Pub/Sub
 * hands it out again after its retry backoff ({@link PushedEvents}). {@link #enqueue} waits for Pub/Sub to take the
 * message and throws when it does not. Thread-safe; the injected publisher is shared, not shut down.
 */
public final class PubSubEventQueue implements EventQueue {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final Publisher publisher;
  private final Clock clock;

  public PubSubEventQueue(Publisher publisher, Clock clock) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void enqueue(EventRef ref, Duration delay) {
    PubsubMessage.Builder message = PubsubMessage.newBuilder()
        .setData(ByteString.copyFromUtf8(EventRefJson.toBody(ref)));
    if (delay.compareTo(Duration.ZERO) > 0) {
      message.putAttributes(PushedEvents.NOT_BEFORE, clock.instant().plus(delay).toString());
    }
    try {
      publisher.publish(message.build()).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Pub/Sub did not take " + ref + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + ref, e);
    }
  }
}
