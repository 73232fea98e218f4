package io.browsergrid.session;

import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The per-server concurrency limit: a {@link SlotSet} in the {@code server} partition. It lives in its own partition,
 * so it is taken before and given back after the tenant's atomic write; a slot a crash left between the two is freed
 * by {@link #releaseAll}.
 */
public final class ServerSlots {
  private static final String PARTITION = "server";
  private static final int MAX_ATTEMPTS = 200;

  private final KeyValueStore store;
  private final SlotSet slots;
  private final int maxSessions;

  public ServerSlots(KeyValueStore store, JsonCodec json, int maxSessions) {
    this.store = store;
    this.slots = new SlotSet(store, json, "slots");
    this.maxSessions = maxSessions;
  }

  public int max() {
    return maxSessions;
  }

  /** How many slots are taken now: one read of one small item. */
  public int count() {
    return slots.occupancy(PARTITION).count();
  }

  /**
   * Takes a slot for {@code sessionId}; false when the server is full. Idempotent for the same id.
   *
   * @throws IllegalStateException when racing writers kept it from taking the slot after many attempts
   */
  public boolean reserve(String sessionId) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (slots.marker(PARTITION, sessionId).isPresent()) {
        return true;
      }
      Occupancy read = slots.occupancy(PARTITION);
      if (read.count() >= maxSessions) {
        return false;
      }
      try {
        store.write(PARTITION, slots.add(read, new SlotSet.Holder(sessionId, null), null));
        return true;
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("server slots too contended to reserve after " + MAX_ATTEMPTS + " attempts");
  }

  /** Gives back the slot of {@code sessionId}. Idempotent. */
  public void release(String sessionId) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> marker = slots.marker(PARTITION, sessionId);
      if (marker.isEmpty()) {
        return;
      }
      try {
        store.write(PARTITION, slots.remove(slots.occupancy(PARTITION), marker.get(), null));
        return;
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("server slots too contended to release after " + MAX_ATTEMPTS + " attempts");
  }

  /** The ids holding a slot now, ascending (read a page at a time). */
  public List<String> holders() {
    return slots.allIds(PARTITION);
  }

  /** Frees every slot whose id is in {@code stale} (sessions that are not live). Idempotent. */
  public void releaseAll(Collection<String> stale) {
    stale.forEach(this::release);
  }
}
