package io.browsergrid.pool;

import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Write;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which pool and which session each pool browser belongs to, for the reports of browsers whose agents know only their
 * browser id (cloud containers started warm). One item per pool browser in partition {@code pool-browsers}, written
 * off the request path: its pool when its start begins, its session when its claim settles (or, should that write be
 * lost, when the keeper drops the claim record); until then the pool's claim record answers. Items expire after
 * {@link #KEPT}, longer than any browser lives. Where no agent reports ({@code enabled} false) it writes nothing and
 * finds nothing. Thread-safe.
 */
public final class PoolBrowserIndex implements ClaimedBrowsers {
  private static final String PARTITION = "pool-browsers";
  private static final String KEY = "browser:";
  static final Duration KEPT = Duration.ofDays(2);

  /**
   * @param owner     the pool's owner
   * @param pool      the pool's name
   * @param sessionId the session that holds it once its claim settled, else null
   */
  record Entry(String owner, String pool, String sessionId) {}

  private final KeyValueStore store;
  private final JsonCodec json;
  private final PoolRepository pools;
  private final Clock clock;
  private final boolean enabled;

  public PoolBrowserIndex(KeyValueStore store, JsonCodec json, PoolRepository pools, Clock clock, boolean enabled) {
    this.store = store;
    this.json = json;
    this.pools = pools;
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Records that {@code browserId} of {@code pool} starts. Idempotent. */
  void started(Pool pool, String browserId) {
    if (enabled) {
      store.putIfAbsent(PARTITION, KEY + browserId, json.encode(new Entry(pool.owner(), pool.name(), null)),
          clock.instant().plus(KEPT));
    }
  }

  /** Records that session {@code sessionId} holds {@code browserId}. Idempotent; a lost race leaves the first. */
  void settled(Pool pool, String browserId, String sessionId) {
    if (!enabled) {
      return;
    }
    String data = json.encode(new Entry(pool.owner(), pool.name(), sessionId));
    try {
      Optional<Item> item = store.get(PARTITION, KEY + browserId);
      store.write(PARTITION, List.of(item
          .map(found -> Write.replace(found.key(), found.version(), data, clock.instant().plus(KEPT)))
          .orElseGet(() -> Write.create(KEY + browserId, data, clock.instant().plus(KEPT)))));
    } catch (ConditionFailedException raced) {
      // another settle wrote it first: the same session, since a browser is claimed once
    }
  }

  @Override
  public Optional<String> sessionOf(String browserId) {
    if (!enabled || !PoolBrowser.isId(browserId)) {
      return Optional.empty();
    }
    Optional<Entry> entry = store.get(PARTITION, KEY + browserId).map(item -> json.decode(item, Entry.class));
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (entry.get().sessionId() != null) {
      return Optional.of(entry.get().sessionId());
    }
    Optional<String> claimedBy = pools.get(entry.get().owner(), entry.get().pool())
        .flatMap(pool -> pools.browser(pool.value(), browserId))
        .map(record -> record.value())
        .filter(record -> record.state() == PoolBrowser.State.CLAIMED)
        .map(PoolBrowser::claimedBy);
    if (claimedBy.isPresent()) {
      return claimedBy;
    }
    // the claim may have settled between the two reads: settling names the session here before it drops the claim
    // record, so one more read finds it
    return store.get(PARTITION, KEY + browserId).map(item -> json.decode(item, Entry.class))
        .map(Entry::sessionId);
  }
}
