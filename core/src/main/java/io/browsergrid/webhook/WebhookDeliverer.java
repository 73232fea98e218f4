package io.browsergrid.webhook;

import io.browsergrid.event.Event;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.Outbox;
import io.browsergrid.event.OutboxEntry;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.Versioned;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deliverWebhooks} function: for one queued event, posts it (signed) to every webhook of its tenant that
 * wants it and is due, records each attempt, and then either removes the event from the outbox (every delivery is
 * final) or queues it again for the earliest retry. Each attempt is claimed with a compare-and-set lease first, so
 * two overlapping runs never post the same delivery at once; a crash mid-post lets the lease run out and the post is
 * made again (at least once, same {@code webhook-id}).
 */
public final class WebhookDeliverer {
  /** Longer than a POST can take (DNS, then 10 s), so a lease never runs out under a live attempt. */
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration BREAKER_WAIT = Duration.ofSeconds(30);
  /** How long past its due retry an event waits for the queue before cleanup queues it again. */
  static final Duration REPAIR_GRACE = Duration.ofSeconds(30);
  /** How long an event of a tenant already delivering as much as it may waits before it is tried again. */
  static final Duration TENANT_BUSY_WAIT = Duration.ofSeconds(1);

  private final Outbox outbox;
  private final WebhookRepository hooks;
  private final Subscriptions subscriptions;
  private final EventQueue queue;
  private final AddressGuard guard;
  private final WebhookSender sender;
  private final RetryPolicy policy;
  private final CircuitBreaker breaker;
  private final TenantDeliverySlots slots;
  private final SecretBox box;
  private final JsonCodec json;
  private final Metrics metrics;
  private final Clock clock;

  public WebhookDeliverer(Outbox outbox, WebhookRepository hooks, EventQueue queue, AddressGuard guard,
      WebhookSender sender, RetryPolicy policy, CircuitBreaker breaker, TenantDeliverySlots slots, SecretBox box,
      JsonCodec json, Metrics metrics, Clock clock) {
    this.slots = slots;
    this.outbox = outbox;
    this.hooks = hooks;
    this.subscriptions = new Subscriptions(hooks, clock);
    this.queue = queue;
    this.guard = guard;
    this.sender = sender;
    this.policy = policy;
    this.breaker = breaker;
    this.box = box;
    this.json = json;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Handles one queued event. Idempotent; safe to run for the same event at once. */
  public void deliver(EventRef ref) {
    Optional<Versioned<OutboxEntry>> entry = outbox.get(ref.tenantId(), ref.eventId());
    if (entry.isEmpty()) {
      return;
    }
    Optional<TenantDeliverySlots.Slot> slot = slots.acquire(ref.tenantId());
    if (slot.isEmpty()) {
      // as many runs of this tenant as it may have are delivering elsewhere: its turn comes again shortly
      queue.enqueue(ref, TENANT_BUSY_WAIT);
      return;
    }
    try {
      deliver(ref, entry.get(), slot.get());
    } finally {
      slots.release(slot.get());
    }
  }

  private void deliver(EventRef ref, Versioned<OutboxEntry> entry, TenantDeliverySlots.Slot slot) {
    Event event = entry.value().event();
    byte[] body = json.encode(body(event)).getBytes(StandardCharsets.UTF_8);
    Instant earliest = null;
    for (Webhook hook : subscriptions.of(event.tenantId(), event.timestamp())) {
      if (!hook.events().contains(event.type()) || hook.createdAt().isAfter(event.timestamp())) {
        continue;
      }
      Optional<Instant> next = deliverTo(hook, event, body, slot);
      if (next.isPresent() && (earliest == null || next.get().isBefore(earliest))) {
        earliest = next.get();
      }
    }
    if (earliest == null) {
      outbox.remove(event.tenantId(), event.id());
      return;
    }
    // Queued whatever the outbox write does: a run that lost the write to an overlapping one (cleanup queues a due
    // event while the queue hands it out) must not drop its own retry. A second message is harmless. The outbox
    // time is only cleanup's repair, so it waits a grace past the retry instead of racing the queue for it.
    outbox.reschedule(entry, earliest.plus(REPAIR_GRACE));
    queue.enqueue(ref, Duration.between(clock.instant(), earliest));
  }

  /** Makes the attempt due for this hook, if any; answers when to look again, or empty when it is final. */
  private Optional<Instant> deliverTo(Webhook hook, Event event, byte[] body, TenantDeliverySlots.Slot slot) {
    Instant now = clock.instant();
    // per tenant and endpoint: one tenant's dead receiver never opens the circuit for another tenant's
    String url = endpoint(hook.url());
    String endpoint = event.tenantId() + " " + url;
    Optional<Instant> openElsewhere = slot.openElsewhere(url, now);
    if (openElsewhere.isPresent()) {
      return openElsewhere;
    }
    if (!breaker.allows(endpoint)) {
      return Optional.of(now.plus(BREAKER_WAIT));
    }
    // the first attempt creates the delivery already claimed: the common path is one write, no read
    Delivery claimed = new Delivery(event.id(), hook.id(), event.type(), Delivery.State.PENDING, 1, 0, null, now, now,
        now.plus(LEASE));
    Optional<Versioned<Delivery>> lease = hooks.createDelivery(event.tenantId(), claimed);
    if (lease.isEmpty()) {
      Optional<Versioned<Delivery>> existing = hooks.delivery(event.tenantId(), hook.id(), event.id());
      if (existing.isEmpty()) {
        return Optional.of(now.plus(LEASE));
      }
      Delivery d = existing.get().value();
      if (d.isFinal()) {
        return Optional.empty();
      }
      if (d.nextAttemptAt().isAfter(now)) {
        return Optional.of(d.nextAttemptAt());
      }
      claimed = new Delivery(d.eventId(), d.webhookId(), d.type(), Delivery.State.PENDING, d.attempts() + 1,
          d.statusCode(), d.error(), d.firstAttemptAt() == null ? now : d.firstAttemptAt(), now, now.plus(LEASE));
      lease = hooks.updateDelivery(existing.get(), claimed);
    }
    if (lease.isEmpty()) {
      return Optional.of(now.plus(LEASE));
    }
    Attempt attempt = post(hook, event, body);
    if (!attempt.refused()) {
      boolean down = attempt.status() == 0 || attempt.status() == 408 || attempt.status() == 429
          || attempt.status() >= 500;
      if (down) {
        boolean wasOpen = breaker.openUntil(endpoint).isPresent();
        breaker.failed(endpoint);
        Optional<Instant> opened = breaker.openUntil(endpoint);
        if (opened.isPresent() && !wasOpen) {
          slots.opened(event.tenantId(), url, opened.get());
        }
      } else {
        breaker.succeeded(endpoint);
      }
    }
    RetryPolicy.Decision decision = policy.decide(attempt, claimed.attempts(), claimed.firstAttemptAt(), clock.instant());
    Delivery after = new Delivery(claimed.eventId(), claimed.webhookId(), claimed.type(), decision.state(),
        claimed.attempts(),
        attempt.status(), attempt.error() != null ? attempt.error() : decision.reason(), claimed.firstAttemptAt(),
        claimed.lastAttemptAt(), decision.state() == Delivery.State.PENDING ? decision.retryAt() : null);
    hooks.updateDelivery(lease.get(), after);
    metrics.webhookDelivery(decision.state() == Delivery.State.PENDING ? "retry" : decision.state().json());
    return decision.state() == Delivery.State.PENDING ? Optional.of(decision.retryAt()) : Optional.empty();
  }

  private Attempt post(Webhook hook, Event event, byte[] body) {
    WebhookSigner signer;
    try {
      signer = new WebhookSigner(box.open(hook.sealedSecret()));
    } catch (IllegalStateException | IllegalArgumentException unreadable) {
      return Attempt.refused("the stored secret cannot be read (was BROWSERGRID_SECRET_KEY changed?)");
    }
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = Map.of(
        "webhook-id", event.id(),
        "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", signer.signature(event.id(), timestamp, body));
    try {
      return sender.send(guard.check(URI.create(hook.url())), headers, body);
    } catch (RefusedTargetException refused) {
      return refused.temporary() ? Attempt.failed(refused.getMessage()) : Attempt.refused(refused.getMessage());
    }
  }

  private static Map<String, Object> body(Event event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", event.type());
    body.put("timestamp", event.timestamp());
    body.put("data", event.data());
    return body;
  }

  private static String endpoint(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + uri.getPort();
  }
}
