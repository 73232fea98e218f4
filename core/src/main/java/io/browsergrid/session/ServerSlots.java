package io.browsergrid.session;

import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The per-server concurrency limit: one {@link Occupancy} item in the {@code server} partition, changed only by
 * compare-and-set. It lives in its own partition, so it is taken before and given back after the tenant's atomic
 * write; a slot a crash left between the two is freed by {@link #releaseAll}.
 */
public final class ServerSlots {
  private static final String PARTITION = "server";
  private static final int MAX_ATTEMPTS = 200;

  private final KeyValueStore store;
  private final JsonCodec json;
  private final Clock clock;
  private final int maxSessions;

  public ServerSlots(KeyValueStore store, JsonCodec json, Clock clock, int maxSessions) {
    this.store = store;
    this.json = json;
    this.clock = clock;
    this.maxSessions = maxSessions;
  }

  public int max() {
    return maxSessions;
  }

  /** Takes a slot for {@code sessionId}; false when the server is full. Idempotent for the same id. */
  public boolean reserve(String sessionId) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> item = store.get(PARTITION, SessionRepository.OCCUPANCY);
      Occupancy current = item.map(i -> json.decode(i, Occupancy.class)).orElse(Occupancy.EMPTY);
      if (current.holds(sessionId)) {
        return true;
      }
      if (current.size() >= maxSessions) {
        return false;
      }
      String next = json.encode(current.with(sessionId, clock.instant()));
      Optional<Item> written = store.writeOver(item, PARTITION, SessionRepository.OCCUPANCY, next, null);
      if (written.isPresent()) {
        return true;
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("server slots too contended to reserve after " + MAX_ATTEMPTS + " attempts");
  }

  /** Gives back the slot of {@code sessionId}. Idempotent. */
  public void release(String sessionId) {
    update(current -> current.holds(sessionId) ? current.without(sessionId) : current);
  }

  /** The ids holding a slot now. */
  public Set<String> holders() {
    return store.get(PARTITION, SessionRepository.OCCUPANCY)
        .map(i -> json.decode(i, Occupancy.class)).orElse(Occupancy.EMPTY).holders().keySet();
  }

  /** Frees every slot whose id is in {@code stale} (sessions that are not live). Idempotent. */
  public void releaseAll(Set<String> stale) {
    update(current -> {
      Occupancy next = current;
      for (String id : stale) {
        next = next.holds(id) ? next.without(id) : next;
      }
      return next;
    });
  }

  private void update(UnaryOperator<Occupancy> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> item = store.get(PARTITION, SessionRepository.OCCUPANCY);
      if (item.isEmpty()) {
        return;
      }
      Occupancy current = json.decode(item.get(), Occupancy.class);
      Occupancy next = change.apply(current);
      if (next.equals(current) || store.compareAndSet(item.get(), json.encode(next), null).isPresent()) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("server slots too contended to update after " + MAX_ATTEMPTS + " attempts");
  }
}
