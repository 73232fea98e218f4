package io.browsergrid.webhook;

import java.time.Instant;

/**
 * One event's way to one webhook.
 *
 * @param eventId        the event (also the {@code webhook-id} header)
 * @param webhookId      the subscription
 * @param type           the event's type
 * @param state          pending, delivered or dead
 * @param attempts       POSTs made so far
 * @param statusCode     the last answer's status, 0 when there was none
 * @param error          the last failure, or null
 * @param firstAttemptAt when the first POST went out (retries stop 24 h after it)
 * @param lastAttemptAt  when the last POST went out
 * @param nextAttemptAt  when it may be tried next (also the lease of an attempt in flight)
 */
public record Delivery(String eventId, String webhookId, String type, State state, int attempts, int statusCode,
    String error, Instant firstAttemptAt, Instant lastAttemptAt, Instant nextAttemptAt) {

  /** Where a delivery is. */
  public enum State {
    PENDING, DELIVERED, DEAD;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static State parse(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public boolean isFinal() {
    return state != State.PENDING;
  }
}
