package io.browsergrid.webhook;

import io.browsergrid.auth.Tenant;
import io.browsergrid.store.Item;
import io.browsergrid.store.CountedItems;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks ({@code webhook:<id>}) and their deliveries ({@code delivery:<webhookId>:<eventId>}, newest first since
 * event ids sort that way) in the tenant's partition.
 */
public final class WebhookRepository {
  private static final String HOOK = "webhook:";
  private static final String DELIVERY = "delivery:";
  /** Final deliveries are listed this long, then garbage-collected. */
  private static final Duration DELIVERY_RETENTION = Duration.ofDays(7);

  private final KeyValueStore store;
  private final JsonCodec json;
  private final CountedItems counted;

  public WebhookRepository(KeyValueStore store, JsonCodec json) {
    this.store = store;
    this.json = json;
    this.counted = new CountedItems(store, json, "webhooks");
  }

  /**
   * Stores a new webhook unless its id is taken or the tenant holds {@code limit} already; the count it is checked
   * against is written with it, so racing creates cannot pass the limit.
   */
  public CountedItems.Outcome create(Webhook hook, int limit) {
    String tenantId = hook.tenantId();
    return counted.create(Tenant.partition(tenantId), HOOK + hook.id(), json.encode(hook), limit,
        () -> all(tenantId).size());
  }

  public Optional<Webhook> get(String tenantId, String id) {
    return store.get(Tenant.partition(tenantId), HOOK + id).map(item -> json.decode(item, Webhook.class));
  }

  /** Every webhook of the tenant. */
  public List<Webhook> all(String tenantId) {
    List<Webhook> hooks = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store.query(Tenant.partition(tenantId), HOOK, cursor, 500);
      page.items().forEach(item -> hooks.add(json.decode(item, Webhook.class)));
      cursor = page.nextCursor();
    } while (cursor != null);
    return hooks;
  }

  /** Deletes a webhook and counts it out. Idempotent. */
  public void delete(String tenantId, String id) {
    counted.delete(Tenant.partition(tenantId), HOOK + id, () -> all(tenantId).size());
  }

  public Optional<Versioned<Delivery>> delivery(String tenantId, String webhookId, String eventId) {
    return store.get(Tenant.partition(tenantId), deliveryKey(webhookId, eventId))
        .map(item -> new Versioned<>(json.decode(item, Delivery.class), item));
  }

  /** Creates a delivery; empty when one exists already (then read it). */
  public Optional<Versioned<Delivery>> createDelivery(String tenantId, Delivery d) {
    return store.putIfAbsent(Tenant.partition(tenantId), deliveryKey(d.webhookId(), d.eventId()), json.encode(d), null)
        .map(item -> new Versioned<>(d, item));
  }

  /** Replaces a delivery read as {@code current}; empty when someone else changed it first. */
  public Optional<Versioned<Delivery>> updateDelivery(Versioned<Delivery> current, Delivery next) {
    return store.compareAndSet(current.item(), json.encode(next),
            next.isFinal() ? next.lastAttemptAt().plus(DELIVERY_RETENTION) : null)
        .map(item -> new Versioned<>(next, item));
  }

  /** The most recent deliveries of a webhook, newest first. */
  public List<Delivery> recentDeliveries(String tenantId, String webhookId, int limit) {
    Page page = store.query(Tenant.partition(tenantId), DELIVERY + webhookId + ":", null, limit);
    List<Delivery> out = new ArrayList<>();
    for (Item item : page.items()) {
      out.add(json.decode(item, Delivery.class));
    }
    return out;
  }

  private static String deliveryKey(String webhookId, String eventId) {
    return DELIVERY + webhookId + ":" + eventId;
  }
}
