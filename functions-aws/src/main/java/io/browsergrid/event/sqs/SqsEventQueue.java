package io.browsergrid.event.sqs;

import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.EventRefJson;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link EventQueue} on one standard SQS queue: each ref is one message whose body {@link EventRefJson} writes.
 *
 * <p>SQS delays a message by at most 15 minutes, so a longer delay is shortened to that; the consumer finds the event
 * not yet due and queues it again. A delay is rounded up to whole seconds, so a message is never handed out early.
 * {@link #enqueue} throws the SDK's exception when SQS does not take the message. Thread-safe; the injected client is
 * shared, not closed.
 */
public final class SqsEventQueue implements EventQueue {
  /** The longest delay SQS accepts. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsEventQueue(SqsClient sqs, String queueUrl) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
  }

  @Override
  public void enqueue(EventRef ref, Duration delay) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(EventRefJson.toBody(ref)).delaySeconds(delaySeconds(delay)));
  }

  /** {@code delay} in whole seconds, rounded up, between 0 and {@link #MAX_DELAY}. */
  static int delaySeconds(Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      return 0;
    }
    if (delay.compareTo(MAX_DELAY) >= 0) {
      return (int) MAX_DELAY.toSeconds();
    }
    return (int) (delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0));
  }
}
