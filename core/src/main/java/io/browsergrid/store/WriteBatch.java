package io.browsergrid.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The shape rules of an atomic write that every adapter enforces the same way before touching its engine. */
public final class WriteBatch {
  private WriteBatch() {}

  /** Throws {@link IllegalArgumentException} when {@code writes} is empty, too long, or names a key twice. */
  public static void check(String partition, List<Write> writes) {
    Keys.check(partition, "partition");
    if (writes == null || writes.isEmpty() || writes.size() > Keys.MAX_WRITES) {
      throw new IllegalArgumentException("an atomic write holds 1.." + Keys.MAX_WRITES + " writes");
    }
    Set<String> keys = new HashSet<>();
    for (Write w : writes) {
      if (!keys.add(w.key())) {
        throw new IllegalArgumentException("key appears twice in one atomic write: " + w.key());
      }
    }
  }

  /**
   * What an atomic write does to the items it finds, for adapters whose engine checks conditions in its own
   * transaction (SQLite, the in-memory double): every condition is checked against {@code current} first, then the
   * items to put are made (version 1 for a new one, else one up; expiry to the millisecond).
   *
   * @param current the item under each written key as the transaction reads it, absent keys mapped to null
   * @return the items to put (in the order given) and the keys to delete
   * @throws ConditionFailedException naming the first key whose condition does not hold; nothing may be written then
   */
  public static Outcome apply(String partition, List<Write> writes, Function<String, Item> current) {
    Map<String, Item> found = new HashMap<>();
    for (Write w : writes) {
      Item item = current.apply(w.key());
      if (!w.condition().holdsFor(item)) {
        throw new ConditionFailedException(w.key());
      }
      found.put(w.key(), item);
    }
    List<Item> puts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (Write w : writes) {
      if (w instanceof Write.Put put) {
        Item before = found.get(put.key());
        Instant expiresAt = put.expiresAt() == null ? null : put.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        puts.add(new Item(partition, put.key(), before == null ? 1 : before.version() + 1, put.data(), expiresAt));
      } else {
        deletes.add(w.key());
      }
    }
    return new Outcome(puts, deletes);
  }

  /** The items an atomic write puts and the keys it deletes. */
  public record Outcome(List<Item> puts, List<String> deletes) {}

  /**
   * Throws {@link IllegalArgumentException} for a query no adapter may run: a partition, prefix (unless empty) or
   * cursor outside {@link Keys}' alphabet, or a limit outside 1..1000.
   */
  public static void checkQuery(String partition, String keyPrefix, String cursor, int limit) {
    Keys.check(partition, "partition");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (!keyPrefix.isEmpty()) {
      Keys.check(keyPrefix, "keyPrefix");
    }
    if (cursor != null) {
      Keys.check(cursor, "cursor");
    }
    checkLimit(limit);
  }

  /** Throws {@link IllegalArgumentException} when a query's limit is outside 1..1000. */
  public static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
  }
}
