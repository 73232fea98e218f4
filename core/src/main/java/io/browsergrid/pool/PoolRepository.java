package io.browsergrid.pool;

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
 * Pool configurations (partition {@code pools}, key {@code <owner>:<name>}) and each pool's browsers (partition
 * {@link Pool#partition()}, key {@code browser:<id>}).
 */
public final class PoolRepository {
  private static final String POOLS = "pools";
  private static final String BROWSER = "browser:";

  private final KeyValueStore store;
  private final JsonCodec json;

  public PoolRepository(KeyValueStore store, JsonCodec json) {
    this.store = store;
    this.json = json;
  }

  public Optional<Versioned<Pool>> get(String owner, String name) {
    return store.get(POOLS, owner + ":" + name).map(item -> new Versioned<>(json.decode(item, Pool.class), item));
  }

  /** Creates or replaces a pool (last writer wins, retried on a race). */
  public void put(Pool pool) {
    for (int attempt = 0; attempt < 50; attempt++) {
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

  public void delete(Pool pool) {
    store.delete(POOLS, pool.owner() + ":" + pool.name());
  }

  /** Every pool of every owner. */
  public List<Pool> all() {
    return query(POOLS, "", Pool.class).stream().map(Versioned::value).toList();
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
    } catch (io.browsergrid.store.ConditionFailedException taken) {
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
