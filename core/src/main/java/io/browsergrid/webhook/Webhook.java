package io.browsergrid.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A subscription.
 *
 * @param id           {@code wh_} + 16 hex digits
 * @param tenantId     whose events it receives
 * @param url          where they are posted (http or https)
 * @param events       the event types it wants
 * @param sealedSecret the signing secret, encrypted at rest ({@link SecretBox})
 * @param createdAt    when it was made; it never receives events from before
 */
public record Webhook(String id, String tenantId, String url, List<String> events, String sealedSecret,
    Instant createdAt) {
  public Webhook {
    events = List.copyOf(events);
  }
}
