package io.browsergrid.store;

import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Items of one kind in one partition and how many there are, kept in a count item beside them ({@code count:<name>})
 * and changed in the same atomic write as each create and delete, so a cap on how many there may be holds under racing
 * creates (reading a list and then writing lets every racer in). Where the count item is missing (items written before
 * counting began) it starts from the number the caller counts.
 */
public final class CountedItems {
  private static final int MAX_ATTEMPTS = 100;

  private final KeyValueStore store;
  private final JsonCodec json;
  private final String countKey;

  /** What a create did. */
  public enum Outcome {
    CREATED,
    /** the key was taken; nothing was written */
    EXISTS,
    /** as many items as allowed exist; nothing was written */
    AT_LIMIT
  }

  private record Count(int count) {}

  private record Read(int count, Optional<Item> item) {}

  public CountedItems(KeyValueStore store, JsonCodec json, String name) {
    this.store = store;
    this.json = json;
    this.countKey = "count:" + name;
  }

  /** How many items there are. {@code existing} counts them when the count item is missing. */
  public int count(String partition, IntSupplier existing) {
    return read(partition, existing).count();
  }

  /**
   * Creates item {@code key} with {@code data} and counts it, unless the key is taken or {@code limit} items exist.
   *
   * @throws IllegalStateException when racing writers kept it from deciding after many attempts
   */
  public Outcome create(String partition, String key, String data, int limit, IntSupplier existing) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (store.get(partition, key).isPresent()) {
        return Outcome.EXISTS;
      }
      Read read = read(partition, existing);
      if (read.count() >= limit) {
        return Outcome.AT_LIMIT;
      }
      try {
        store.write(partition, List.of(Write.create(key, data, null), countWrite(read, read.count() + 1)));
        return Outcome.CREATED;
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("the count of " + countKey + " is too contended to create " + key);
  }

  /**
   * Deletes item {@code key} and counts it out. Idempotent.
   *
   * @return true when this call deleted it
   */
  public boolean delete(String partition, String key, IntSupplier existing) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> item = store.get(partition, key);
      if (item.isEmpty()) {
        return false;
      }
      Read read = read(partition, existing);
      try {
        store.write(partition, List.of(new Write.Delete(key, Write.Condition.version(item.get().version())),
            countWrite(read, Math.max(0, read.count() - 1))));
        return true;
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("the count of " + countKey + " is too contended to delete " + key);
  }

  private Read read(String partition, IntSupplier existing) {
    Optional<Item> item = store.get(partition, countKey);
    return new Read(item.map(i -> json.decode(i, Count.class).count()).orElseGet(existing::getAsInt), item);
  }

  private Write countWrite(Read read, int count) {
    String data = json.encode(new Count(count));
    return read.item().isEmpty()
        ? Write.create(countKey, data, null)
        : Write.replace(countKey, read.item().get().version(), data, null);
  }
}
