package io.browsergrid.session;

import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link SessionActivity} in the {@link KeyValueStore}, for deployments whose browsers' agents report their clients
 * ({@code activity} callbacks) to whichever function instance answers: every instance, and cleanup, reads the same
 * counts. Each session's counts are one item ({@code activity:<sessionId>} / {@code clients}, a partition per
 * session so that frequent reports spread over the store), written with put-if-absent or compare-and-set on the
 * version read, so racing reports never lose the newer one. Items expire a while after their last report (garbage
 * collection only). Thread-safe; every method may throw {@code StoreUnavailableException}.
 */
public final class StoredSessionActivity implements SessionActivity {
  private static final String PARTITION_PREFIX = "activity:";
  private static final String KEY = "clients";
  /** Kept this long after the last report, so that a forgotten item is collected eventually. */
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final int MAX_ATTEMPTS = 50;

  private final KeyValueStore store;
  private final JsonCodec json;
  private final Clock clock;

  public StoredSessionActivity(KeyValueStore store, JsonCodec json, Clock clock) {
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Optional<Clients> clients(String sessionId) {
    return store.get(partition(sessionId), KEY).map(item -> json.decode(item, Clients.class));
  }

  @Override
  public void forget(String sessionId) {
    store.delete(partition(sessionId), KEY);
  }

  @Override
  public boolean record(String sessionId, Clients clients) {
    String partition = partition(sessionId);
    String data = json.encode(clients);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> known = store.get(partition, KEY);
      if (known.isPresent() && !clients.supersedes(json.decode(known.get(), Clients.class))) {
        return false;
      }
      Write write = known.isEmpty()
          ? Write.create(KEY, data, expiry())
          : Write.replace(KEY, known.get().version(), data, expiry());
      try {
        store.write(partition, List.of(write));
        return true;
      } catch (ConditionFailedException raced) {
        // another report landed meanwhile: read it and compare again
      }
    }
    throw new IllegalStateException("could not record the clients of session " + sessionId + " after "
        + MAX_ATTEMPTS + " attempts");
  }

  private Instant expiry() {
    return clock.instant().plus(RETENTION);
  }

  private static String partition(String sessionId) {
    return PARTITION_PREFIX + sessionId;
  }
}
