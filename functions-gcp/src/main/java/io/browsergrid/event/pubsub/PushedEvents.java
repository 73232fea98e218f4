package io.browsergrid.event.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.EventRefJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Reads what a Pub/Sub push subscription posts: {@code {"message": {"data": base64, "attributes": {...},
 * "messageId": ...}, "subscription": ...}}. Pub/Sub takes a 2xx answer as the acknowledgement and hands out any other
 * again after the subscription's retry backoff, up to its dead-letter policy's attempts.
 */
public final class PushedEvents {
  /** The attribute holding when a delayed ref is due (an ISO-8601 instant). */
  public static final String NOT_BEFORE = "notBefore";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One pushed message.
   *
   * @param ref       the event it carries
   * @param notBefore when it is due, or null for at once
   * @param messageId Pub/Sub's id of the message
   */
  public record Pushed(EventRef ref, Instant notBefore, String messageId) {
    /** Whether the event may be handled at {@code now}; an early one is answered with a retry status. */
    public boolean dueAt(Instant now) {
      return notBefore == null || !now.isBefore(notBefore);
    }
  }

  private PushedEvents() {}

  /**
   * The message in a push request's body.
   *
   * @throws IllegalArgumentException naming what is missing or malformed (the endpoint answers 400, and Pub/Sub
   *     dead-letters the message once its attempts are used up)
   */
  public static Pushed read(byte[] body) {
    JsonNode envelope;
    try {
      envelope = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the push body is not JSON", e);
    }
    JsonNode message = envelope == null ? null : envelope.get("message");
    if (message == null || !message.isObject()) {
      throw new IllegalArgumentException("the push body has no message object");
    }
    String data = message.path("data").asText("");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("the pushed message has no data");
    }
    String text;
    try {
      text = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the pushed message's data is not base64", e);
    }
    Instant notBefore = null;
    String due = message.path("attributes").path(NOT_BEFORE).asText("");
    if (!due.isEmpty()) {
      try {
        notBefore = Instant.parse(due);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("the pushed message's " + NOT_BEFORE + " is no instant: " + due, e);
      }
    }
    return new Pushed(EventRefJson.fromBody(text), notBefore, message.path("messageId").asText(""));
  }
}
