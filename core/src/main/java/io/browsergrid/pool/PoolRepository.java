package io.browsergrid.pool;

import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Versioned;
import io.browsergrid.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pool configurations (partition {@code pools}, key {@code <owner>:<name>}), beside each tenant's tally of them
 * ({@code tally:<owner>}: how many pools, how many warm browsers their {@code minIdle} asks for, written in the same
 * atomic write as each put and delete, so the tenant's caps hold under racing puts), and each pool's browsers
 * (partition {@link Pool#partition()}, key {@code browser:<id>}).
 */
public final class PoolRepository {
  private static final String POOLS = "pools";
  private static final String BROWSER = "browser:";
  private static final String TALLY = "tally:";
  private static final int MAX_ATTEMPTS = 50;

  private final KeyValueStore store;
  private final JsonCodec json;

  public PoolRepository(KeyValueStore store, JsonCodec json) {
    this.store = store;
    this.json = json;
  }

  public Optional<Versioned<Pool>> get(String owner, String name) {
    return store.get(POOLS, owner + ":" + name).map(item -> new Versioned<>(json.decode(item, Pool.class), item));
  }

  /** What a tenant's pools add up to: how many, and the warm browsers their {@code minIdle} keep together. */
  record Tally(int pools, int warm) {}

  /** What {@link #put(Pool, int, int)} did: {@code refused} names the cap it would pass ({@code null}: written). */
  public record PutResult(String refused, int warm) {}

  /**
   * Creates or replaces a tenant's pool unless it would own more than {@code maxPools} pools, or their {@code minIdle}
   * would add up to more than {@code maxWarm} (last writer wins among puts within the caps, retried on a race).
   *
   * @return {@code refused} {@code "maxPools"} or {@code "maxWarmBrowsers"} and nothing written, or null and written;
   *     {@code warm} is what the tenant's pools keep warm with this one
   */
  public PutResult put(Pool pool, int maxPools, int maxWarm) {
    String key = pool.owner() + ":" + pool.name();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> current = store.get(POOLS, key);
      Optional<Item> tallyItem = store.get(POOLS, TALLY + pool.owner());
      Tally tally = tallyItem.map(i -> json.decode(i, Tally.class)).orElseGet(() -> countOwned(pool.owner()));
      int oldMinIdle = current.map(i -> json.decode(i, Pool.class).minIdle()).orElse(0);
      Tally next = new Tally(tally.pools() + (current.isEmpty() ? 1 : 0), tally.warm() - oldMinIdle + pool.minIdle());
      if (current.isEmpty() && next.pools() > maxPools) {
        return new PutResult("maxPools", next.warm());
      }
      if (next.warm() > maxWarm) {
        return new PutResult("maxWarmBrowsers", next.warm());
      }
      try {
        store.write(POOLS, List.of(
            current.isEmpty() ? Write.create(key, json.encode(pool), null)
                : Write.replace(key, current.get().version(), json.encode(pool), null),
            tallyWrite(pool.owner(), tallyItem, next)));
        return new PutResult(null, next.warm());
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("pool " + pool.name() + " changes too fast to be replaced");
  }

  private Tally countOwned(String owner) {
    List<Pool> owned = query(POOLS, owner + ":", Pool.class).stream().map(Versioned::value).toList();
    return new Tally(owned.size(), owned.stream().mapToInt(Pool::minIdle).sum());
  }

  private Write tallyWrite(String owner, Optional<Item> read, Tally next) {
    String data = json.encode(next);
    return read.isEmpty() ? Write.create(TALLY + owner, data, null)
        : Write.replace(TALLY + owner, read.get().version(), data, null);
  }

  /**
   * Creates or replaces a pool without a cap or a tally (the operator's shared pools), last writer wins, retried on a
   * race.
   */
  public void put(Pool pool) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned<Pool>> current = get(pool.owner(), pool.name());
      if (store.writeOver(current.map(Versioned::item), POOLS, pool.owner() + ":" + pool.name(), json.encode(pool),
          null).isPresent()) {
        return;
      }
    }
    throw new IllegalStateException("pool " + pool.name() + " changes too fast to be replaced");
  }

  /** Creates {@code pool} unless it exists. */
  public void createIfAbsent(Pool pool) {
    store.putIfAbsent(POOLS, pool.owner() + ":" + pool.name(), json.encode(pool), null);
  }

  /** Deletes a pool's configuration (and counts it out of its tenant's tally). Idempotent. */
  public void delete(Pool pool) {
    String key = pool.owner() + ":" + pool.name();
    if (Pool.SHARED.equals(pool.owner())) {
      store.delete(POOLS, key);
      return;
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> current = store.get(POOLS, key);
      if (current.isEmpty()) {
        return;
      }
      Optional<Item> tallyItem = store.get(POOLS, TALLY + pool.owner());
      Tally tally = tallyItem.map(i -> json.decode(i, Tally.class)).orElseGet(() -> countOwned(pool.owner()));
      int minIdle = json.decode(current.get(), Pool.class).minIdle();
      Tally next = new Tally(Math.max(0, tally.pools() - 1), Math.max(0, tally.warm() - minIdle));
      try {
        store.write(POOLS, List.of(new Write.Delete(key, Write.Condition.version(current.get().version())),
            tallyWrite(pool.owner(), tallyItem, next)));
        return;
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("pool " + pool.name() + " changes too fast to be deleted");
  }

  /** Every pool of every owner. */
  public List<Pool> all() {
    List<Pool> all = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store.query(POOLS, "", cursor, 500);
      for (Item item : page.items()) {
        if (!item.key().startsWith(TALLY)) {
          all.add(json.decode(item, Pool.class));
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  /** The pools {@code owner} may see: its own and the shared ones. */
  public List<Pool> visibleTo(String owner) {
    List<Pool> pools = new ArrayList<>();
    query(POOLS, Pool.SHARED + ":", Pool.class).forEach(v -> pools.add(v.value()));
    if (!owner.equals(Pool.SHARED)) {
      query(POOLS, owner + ":", Pool.class).forEach(v -> pools.add(v.value()));
    }
    return pools;
  }

  /** The pool's browser records. */
  /** Idle and starting browsers of every pool: the warm browsers that count against the server's cap. */
  public int warmTotal() {
    int warm = 0;
    for (Pool pool : all()) {
      for (Versioned<PoolBrowser> b : browsers(pool)) {
        if (b.value().state() != PoolBrowser.State.CLAIMED) {
          warm++;
        }
      }
    }
    return warm;
  }

  public List<Versioned<PoolBrowser>> browsers(Pool pool) {
    return query(pool.partition(), BROWSER, PoolBrowser.class);
  }

  /** One browser record of the pool. */
  public Optional<Versioned<PoolBrowser>> browser(Pool pool, String browserId) {
    return store.get(pool.partition(), BROWSER + browserId)
        .map(item -> new Versioned<>(json.decode(item, PoolBrowser.class), item));
  }

  public void addBrowser(Pool pool, PoolBrowser browser) {
    store.write(pool.partition(), List.of(Write.create(BROWSER + browser.browserId(), json.encode(browser), null)));
  }

  /** Replaces a record read as {@code current}; false when it changed or is gone (claimed, retired). */
  public boolean updateBrowser(Versioned<PoolBrowser> current, PoolBrowser next) {
    return store.compareAndSet(current.item(), json.encode(next), null).isPresent();
  }

  /** Removes a record iff it is still at the version read (retirement, draining). */
  public boolean removeBrowser(Versioned<PoolBrowser> current) {
    try {
      store.write(current.item().partition(),
          List.of(new Write.Delete(current.item().key(), Write.Condition.version(current.version()))));
      return true;
    } catch (ConditionFailedException taken) {
      return false;
    }
  }

  private <T> List<Versioned<T>> query(String partition, String prefix, Class<T> type) {
    List<Versioned<T>> out = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store.query(partition, prefix, cursor, 500);
      for (Item item : page.items()) {
        out.add(new Versioned<>(json.decode(item, type), item));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }
}
