package io.browsergrid.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory double keeps the port's whole contract, so tests built on it test against the port. */
class InMemoryKeyValueStoreTest extends KeyValueStoreContract {
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();

  @Override
  protected KeyValueStore store() {
    return store;
  }

  @Test
  void deleteExpiredRemovesOnlyWhatExpiredByThen() {
    Instant now = Instant.parse("2026-12-02T00:00:00Z");
    store.putIfAbsent("p", "old", "1", now.minusSeconds(1));
    store.putIfAbsent("p", "due", "2", now);
    store.putIfAbsent("p", "later", "3", now.plusSeconds(1));
    store.putIfAbsent("p", "never", "4", null);
    assertThat(store.deleteExpired(now)).isEqualTo(2);
    assertThat(store.get("p", "later")).isPresent();
    assertThat(store.get("p", "never")).isPresent();
    assertThat(store.get("p", "old")).isEmpty();
    assertThat(store.size()).isEqualTo(2);
  }
}
