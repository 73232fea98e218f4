package io.browsergrid.event;

import java.time.Duration;

/**
 * Carries {@link EventRef}s to the {@code deliverWebhooks} function: in-process for standalone, SQS, Pub/Sub or a
 * Storage Queue in the clouds. Delivery is at least once; order is not promised.
 */
public interface EventQueue {

  /**
   * Queues {@code ref} to be handled after {@code delay} (zero for now). Throws only when the queue cannot take it;
   * callers may ignore that, because cleanup re-queues every outbox event that was not handled in time.
   */
  void enqueue(EventRef ref, Duration delay);
}
