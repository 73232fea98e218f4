package io.browsergrid.event;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened, as webhooks carry it: {@code {"type", "timestamp", "data"}}.
 *
 * @param id        unique; the {@code webhook-id} of every delivery of it (receivers drop duplicates by it)
 * @param tenantId  whose it is
 * @param type      {@code session.created}, {@code session.running}, {@code session.stopped}, {@code session.failed},
 *                  {@code pool.exhausted}
 * @param timestamp when it happened
 * @param data      the subject as the API shows it (a session without its {@code cdpUrl}, a pool)
 */
public record Event(String id, String tenantId, String type, Instant timestamp, Map<String, Object> data) {
  public static final String SESSION_CREATED = "session.created";
  public static final String SESSION_RUNNING = "session.running";
  public static final String SESSION_STOPPED = "session.stopped";
  public static final String SESSION_FAILED = "session.failed";
  public static final String POOL_EXHAUSTED = "pool.exhausted";
  /** Every type a webhook may subscribe to. */
  public static final java.util.List<String> TYPES =
      java.util.List.of(SESSION_CREATED, SESSION_RUNNING, SESSION_STOPPED, SESSION_FAILED, POOL_EXHAUSTED);
}
