package io.browsergrid.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A tenant's webhooks, re-read only when needed: a snapshot serves an event when it was read after the event
 * happened (so it holds every webhook made before the event) and is under a second old. Under load, when events
 * wait in the queue, fan-out then costs no store query per event. A webhook deleted within that second may still
 * get one more event, which receivers tolerate anyway (delivery is at least once).
 */
final class Subscriptions {
  private static final Duration FRESH = Duration.ofSeconds(1);
  private static final int MAX_TENANTS = 10_000;

  private final WebhookRepository hooks;
  private final Clock clock;
  private final ConcurrentMap<String, Snapshot> byTenant = new ConcurrentHashMap<>();

  Subscriptions(WebhookRepository hooks, Clock clock) {
    this.hooks = hooks;
    this.clock = clock;
  }

  /** The webhooks of {@code tenantId} that existed when an event at {@code eventAt} happened, at least. */
  List<Webhook> of(String tenantId, Instant eventAt) {
    Instant now = clock.instant();
    Snapshot cached = byTenant.get(tenantId);
    if (cached != null && cached.readAt().isAfter(eventAt) && now.isBefore(cached.readAt().plus(FRESH))) {
      return cached.hooks();
    }
    if (byTenant.size() > MAX_TENANTS) {
      byTenant.clear();
    }
    Snapshot fresh = new Snapshot(hooks.all(tenantId), now);
    byTenant.put(tenantId, fresh);
    return fresh.hooks();
  }

  private record Snapshot(List<Webhook> hooks, Instant readAt) {}
}
