package io.browsergrid.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store as a sorted map in memory, for fast engine-free tests of everything above the port. It passes the same
 * {@link KeyValueStoreContract} as every real adapter (races included: one lock makes each atomic write isolated),
 * so code tested on it is tested against the port's promises, not against a mock's.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final NavigableMap<String, Item> items = new TreeMap<>();

  private static String address(String partition, String key) {
    // partition and key are of Keys' alphabet, which has no space: this orders by partition, then key
    return partition + " " + key;
  }

  @Override
  public synchronized Optional<Item> get(String partition, String key) {
    Keys.check(partition, "partition");
    Keys.check(key, "key");
    return Optional.ofNullable(items.get(address(partition, key)));
  }

  @Override
  public synchronized List<Item> write(String partition, List<Write> writes) {
    WriteBatch.check(partition, writes);
    WriteBatch.Outcome outcome = WriteBatch.apply(partition, writes, key -> items.get(address(partition, key)));
    outcome.puts().forEach(item -> items.put(address(partition, item.key()), item));
    outcome.deletes().forEach(key -> items.remove(address(partition, key)));
    return outcome.puts();
  }

  @Override
  public synchronized Page query(String partition, String keyPrefix, String cursor, int limit) {
    WriteBatch.checkQuery(partition, keyPrefix, cursor, limit);
    String from = address(partition, cursor != null && cursor.compareTo(keyPrefix) > 0 ? cursor : keyPrefix);
    boolean inclusive = cursor == null || cursor.compareTo(keyPrefix) < 0;
    List<Item> found = new ArrayList<>();
    for (Item item : items.tailMap(from, inclusive).values()) {
      if (!item.partition().equals(partition) || !item.key().startsWith(keyPrefix) || found.size() == limit) {
        break;
      }
      found.add(item);
    }
    return new Page(found, found.size() == limit ? found.get(limit - 1).key() : null);
  }

  /** Garbage-collects every item whose {@code expiresAt} is at or before {@code now}; how many went. */
  public synchronized int deleteExpired(Instant now) {
    int before = items.size();
    items.values().removeIf(item -> item.expiresAt() != null && !item.expiresAt().isAfter(now));
    return before - items.size();
  }

  /** How many items it holds, in every partition. */
  public synchronized int size() {
    return items.size();
  }
}
