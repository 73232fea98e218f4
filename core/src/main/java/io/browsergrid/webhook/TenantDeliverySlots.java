package io.browsergrid.webhook;

import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Keys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many deliveries of one tenant run at once across every instance of a deployment: a tenant's slow receivers
 * then hold at most {@code perTenant} of the functions delivering webhooks, never all of them. The holders live in
 * one small item in the tenant's partition, changed by compare-and-set; each holds its place for a lease, so an
 * instance that dies mid-delivery frees it on its own. A standalone server needs none of this: its queue's workers
 * are shared fairly in process ({@link #unbounded()}).
 */
public final class TenantDeliverySlots {
  static final String KEY = "webhook-inflight";
  /** Longer than one delivery run can take: every hook of an event, each bounded by the sender's timeouts. */
  static final Duration LEASE = Duration.ofSeconds(120);
  private static final int MAX_ATTEMPTS = 50;

  private final KeyValueStore store;
  private final JsonCodec json;
  private final Clock clock;
  private final int perTenant;
  private final SecureRandom random = new SecureRandom();

  /** A place held: release it when the delivery run is over. */
  public record Slot(String tenantId, String holder) {}

  /** The holders and their leases, as stored. */
  record Holders(Map<String, Long> leaseUntil) {
    Holders live(long now) {
      Map<String, Long> kept = new LinkedHashMap<>();
      leaseUntil.forEach((holder, until) -> {
        if (until > now) {
          kept.put(holder, until);
        }
      });
      return new Holders(kept);
    }
  }

  /** @param perTenant deliveries of one tenant at once, at least 1; 0 for no bound */
  public TenantDeliverySlots(KeyValueStore store, JsonCodec json, Clock clock, int perTenant) {
    if (perTenant < 0) {
      throw new IllegalArgumentException("perTenant must be 0 (no bound) or more: " + perTenant);
    }
    this.store = store;
    this.json = json;
    this.clock = clock;
    this.perTenant = perTenant;
  }

  /** No bound: every acquire succeeds without touching the store. */
  public static TenantDeliverySlots unbounded() {
    return new TenantDeliverySlots(null, null, Clock.systemUTC(), 0);
  }

  /**
   * A place for one delivery run of {@code tenantId}, or empty when {@code perTenant} runs of it hold theirs (the
   * caller tries again later). Gives up as full after many lost races, which only a storm of them causes.
   *
   * @throws io.browsergrid.store.StoreUnavailableException when the store cannot answer
   */
  public Optional<Slot> acquire(String tenantId) {
    if (perTenant == 0) {
      return Optional.of(new Slot(tenantId, null));
    }
    byte[] id = new byte[8];
    random.nextBytes(id);
    String holder = HexFormat.of().formatHex(id);
    String partition = Keys.tenantPartition(tenantId);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long now = clock.millis();
      Optional<Item> item = store.get(partition, KEY);
      Holders holders = item.map(i -> json.decode(i, Holders.class)).orElse(new Holders(Map.of())).live(now);
      if (holders.leaseUntil().size() >= perTenant) {
        return Optional.empty();
      }
      Map<String, Long> next = new LinkedHashMap<>(holders.leaseUntil());
      next.put(holder, now + LEASE.toMillis());
      if (write(item, partition, new Holders(next), now)) {
        return Optional.of(new Slot(tenantId, holder));
      }
      Thread.onSpinWait();
    }
    return Optional.empty();
  }

  /** Gives {@code slot}'s place back. Idempotent; a place whose lease ran out is already free. */
  public void release(Slot slot) {
    if (perTenant == 0 || slot.holder() == null) {
      return;
    }
    String partition = Keys.tenantPartition(slot.tenantId());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long now = clock.millis();
      Optional<Item> item = store.get(partition, KEY);
      if (item.isEmpty()) {
        return;
      }
      Holders holders = json.decode(item.get(), Holders.class).live(now);
      if (!holders.leaseUntil().containsKey(slot.holder())) {
        return;
      }
      Map<String, Long> next = new LinkedHashMap<>(holders.leaseUntil());
      next.remove(slot.holder());
      if (write(item, partition, new Holders(next), now)) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /** Deliveries of {@code tenantId} running now, as far as the store knows. */
  public int held(String tenantId) {
    if (perTenant == 0) {
      return 0;
    }
    return store.get(Keys.tenantPartition(tenantId), KEY)
        .map(i -> json.decode(i, Holders.class).live(clock.millis()).leaseUntil().size()).orElse(0);
  }

  private boolean write(Optional<Item> read, String partition, Holders holders, long now) {
    String data = json.encode(holders);
    // the item outlives its last lease by a margin, then the store may drop it
    Instant expires = Instant.ofEpochMilli(now).plus(LEASE).plus(LEASE);
    return read.isPresent() ? store.compareAndSet(read.get(), data, expires).isPresent()
        : store.putIfAbsent(partition, KEY, data, expires).isPresent();
  }
}
