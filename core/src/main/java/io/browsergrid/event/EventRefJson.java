package io.browsergrid.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The body of a queue message that carries an {@link EventRef}: {@code {"tenantId":"...","eventId":"..."}}. What
 * every cloud's {@link EventQueue} sends (an SQS message's body, a Pub/Sub message's data) and its
 * {@code deliverWebhooks} function reads back.
 */
public final class EventRefJson {
  private static final ObjectReader READER = new ObjectMapper().reader();
  private static final ObjectWriter WRITER = new ObjectMapper().writerFor(EventRef.class);

  private EventRefJson() {}

  /** The message body for {@code ref}. */
  public static String toBody(EventRef ref) {
    try {
      return WRITER.writeValueAsString(ref);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + ref, e);
    }
  }

  /**
   * The ref in a message body; fields other than the two are ignored, so a newer sender may add some.
   *
   * @throws IllegalArgumentException when the body is not a JSON object with non-empty {@code tenantId} and
   *     {@code eventId} strings
   */
  public static EventRef fromBody(String body) {
    JsonNode json;
    try {
      json = READER.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message body is not JSON: " + abbreviate(body), e);
    }
    return new EventRef(text(json, "tenantId", body), text(json, "eventId", body));
  }

  private static String text(JsonNode json, String field, String body) {
    JsonNode value = json == null ? null : json.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("message body has no " + field + ": " + abbreviate(body));
    }
    return value.asText();
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
