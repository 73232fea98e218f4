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
 *
 * <p>The same item says which of the tenant's endpoints an instance found down (its circuit breaker opened): every
 * instance reads it with its place and skips those endpoints until then, instead of each learning it by five
 * failures of its own.
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

  /**
   * A place held: release it when the delivery run is over.
   *
   * @param openUntil the tenant's endpoints another instance found down, and until when (epoch millis)
   */
  public record Slot(String tenantId, String holder, Map<String, Long> openUntil) {
    /** Until when {@code endpoint} is open by another instance's finding, if it still is at {@code now}. */
    public Optional<Instant> openElsewhere(String endpoint, Instant now) {
      Long until = openUntil.get(endpoint);
      return until == null || until <= now.toEpochMilli() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
    }
  }

  /** The holders and their leases, and the open endpoints, as stored. */
  record Holders(Map<String, Long> leaseUntil, Map<String, Long> openUntil) {
    Holders {
      leaseUntil = leaseUntil == null ? Map.of() : leaseUntil;
      openUntil = openUntil == null ? Map.of() : openUntil;
    }

    Holders live(long now) {
      return new Holders(unexpired(leaseUntil, now), unexpired(openUntil, now));
    }

    private static Map<String, Long> unexpired(Map<String, Long> untils, long now) {
      Map<String, Long> kept = new LinkedHashMap<>();
      untils.forEach((name, until) -> {
        if (until > now) {
          kept.put(name, until);
        }
      });
      return kept;
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
      return Optional.of(new Slot(tenantId, null, Map.of()));
    }
    byte[] id = new byte[8];
    random.nextBytes(id);
    String holder = HexFormat.of().formatHex(id);
    String partition = Keys.tenantPartition(tenantId);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long now = clock.millis();
      Optional<Item> item = store.get(partition, KEY);
      Holders holders = item.map(i -> json.decode(i, Holders.class)).orElse(new Holders(null, null)).live(now);
      if (holders.leaseUntil().size() >= perTenant) {
        return Optional.empty();
      }
      Map<String, Long> next = new LinkedHashMap<>(holders.leaseUntil());
      next.put(holder, now + LEASE.toMillis());
      if (write(item, partition, new Holders(next, holders.openUntil()), now)) {
        return Optional.of(new Slot(tenantId, holder, holders.openUntil()));
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
      if (write(item, partition, new Holders(next, holders.openUntil()), now)) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * Tells every instance that {@code endpoint} of {@code tenantId} is down until {@code until}, or, with
   * {@code until} null, that it answers again. Best effort: a write lost to races leaves each instance's own breaker
   * to find out.
   */
  public void circuit(String tenantId, String endpoint, Instant until) {
    if (perTenant == 0) {
      return;
    }
    String partition = Keys.tenantPartition(tenantId);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long now = clock.millis();
      Optional<Item> item = store.get(partition, KEY);
      Holders holders = item.map(i -> json.decode(i, Holders.class)).orElse(new Holders(null, null)).live(now);
      Map<String, Long> open = new LinkedHashMap<>(holders.openUntil());
      if (until == null && !open.containsKey(endpoint)) {
        return;
      }
      if (until == null) {
        open.remove(endpoint);
      } else {
        open.put(endpoint, until.toEpochMilli());
      }
      if (write(item, partition, new Holders(holders.leaseUntil(), open), now)) {
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
    // the item outlives its last lease and the longest open circuit by a margin, then the store may drop it
    Instant expires = Instant.ofEpochMilli(now).plus(CircuitBreaker.LONGEST_OPEN).plus(LEASE).plus(LEASE);
    return read.isPresent() ? store.compareAndSet(read.get(), data, expires).isPresent()
        : store.putIfAbsent(partition, KEY, data, expires).isPresent();
  }
}
