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
import java.util.function.BiFunction;

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
    return change(tenantId, (holders, now) -> {
      if (holders.leaseUntil().size() >= perTenant) {
        return null;
      }
      Map<String, Long> next = new LinkedHashMap<>(holders.leaseUntil());
      next.put(holder, now + LEASE.toMillis());
      return new Holders(next, holders.openUntil());
    }).map(read -> new Slot(tenantId, holder, read.openUntil()));
  }

  /** Gives {@code slot}'s place back. Idempotent; a place whose lease ran out is already free. */
  public void release(Slot slot) {
    if (perTenant == 0 || slot.holder() == null) {
      return;
    }
    change(slot.tenantId(), (holders, now) -> {
      if (!holders.leaseUntil().containsKey(slot.holder())) {
        return null;
      }
      Map<String, Long> next = new LinkedHashMap<>(holders.leaseUntil());
      next.remove(slot.holder());
      return new Holders(next, holders.openUntil());
    });
  }

  /**
   * Tells every instance that {@code endpoint} of {@code tenantId} is down until {@code until}; the entry ends with
   * it. Best effort: a write lost to races leaves each instance's own breaker to find out.
   */
  public void opened(String tenantId, String endpoint, Instant until) {
    if (perTenant == 0) {
      return;
    }
    change(tenantId, (holders, now) -> {
      Map<String, Long> open = new LinkedHashMap<>(holders.openUntil());
      open.put(endpoint, until.toEpochMilli());
      return new Holders(holders.leaseUntil(), open);
    });
  }

  /**
   * Reads the tenant's item (its expired entries dropped), lets {@code step} make the next one (null: nothing to
   * write) and writes it by compare-and-set, reading again after a lost race. Returns what the write was made from,
   * or empty when {@code step} declined or every attempt lost.
   */
  private Optional<Holders> change(String tenantId, BiFunction<Holders, Long, Holders> step) {
    String partition = Keys.tenantPartition(tenantId);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long now = clock.millis();
      Optional<Item> item = store.get(partition, KEY);
      Holders read = item.map(i -> json.decode(i, Holders.class)).orElse(new Holders(null, null)).live(now);
      Holders next = step.apply(read, now);
      if (next == null) {
        return Optional.empty();
      }
      if (write(item, partition, next, now)) {
        return Optional.of(read);
      }
      Thread.onSpinWait();
    }
    return Optional.empty();
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
