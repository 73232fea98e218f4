package io.browsergrid.store;

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

  /** Throws {@link IllegalArgumentException} when a query's limit is outside 1..1000. */
  public static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
  }
}
