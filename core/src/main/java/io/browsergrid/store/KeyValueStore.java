package io.browsergrid.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one storage port. Every cloud's store (DynamoDB, Firestore, Azure Table Storage) and SQLite implement it, and
 * all pass {@code KeyValueStoreContract} from core's test-jar.
 *
 * <p>What it promises is the intersection of the three clouds: single-item reads, conditional single-item writes, an
 * atomic write of at most {@link Keys#MAX_WRITES} distinct keys <em>inside one partition</em> (Azure Table batches,
 * DynamoDB {@code TransactWriteItems}, Firestore transactions), and ascending range queries by key prefix inside one
 * partition (Azure Tables cannot read backwards, so "newest first" lists use inverted-time keys). Expiry is garbage
 * collection only. Every method throws {@link StoreUnavailableException} when the store cannot answer.
 */
public interface KeyValueStore {

  /** Reads one item; strongly consistent (a read after a successful write sees it). */
  Optional<Item> get(String partition, String key);

  /**
   * Applies all {@code writes} in {@code partition} atomically: either every condition holds and every write is
   * applied, or {@link ConditionFailedException} is thrown and nothing changed.
   *
   * @return the items as written (puts only, in the order given), with their new versions
   * @throws IllegalArgumentException when empty, over {@link Keys#MAX_WRITES}, or a key appears twice
   */
  List<Item> write(String partition, List<Write> writes);

  /**
   * Items of {@code partition} whose key starts with {@code keyPrefix} ({@code ""} for all) and, when {@code cursor}
   * is not {@code null}, is greater than {@code cursor}; ascending by key, at most {@code limit} (1..1000) of them.
   * Keys compare as Java strings, which for the ASCII alphabet of {@link Keys} is byte order.
   *
   * <p>A cursor is simply the key after which to continue: {@code null} for the first page, else a page's
   * {@link Page#nextCursor()} (or any key: it need not name an existing item). It maps onto DynamoDB's
   * {@code ExclusiveStartKey}, a {@code RowKey gt} filter in Azure Tables and Firestore's {@code startAfter}.
   *
   * @return the page: its {@code nextCursor} is the key of its last item when it holds {@code limit} items (more may
   *     follow), else {@code null}. A page is short only at the end, so adapters whose engine returns short pages
   *     keep reading until the page is full or the range is exhausted.
   * @throws IllegalArgumentException when {@code limit} is outside 1..1000
   */
  Page query(String partition, String keyPrefix, String cursor, int limit);

  /** Creates an item; returns it, or empty when the key is taken. */
  default Optional<Item> putIfAbsent(String partition, String key, String data, Instant expiresAt) {
    try {
      return Optional.of(write(partition, List.of(Write.create(key, data, expiresAt))).get(0));
    } catch (ConditionFailedException taken) {
      return Optional.empty();
    }
  }

  /** Replaces {@code current} iff it is still at its version; returns the new item, or empty when it changed. */
  default Optional<Item> compareAndSet(Item current, String data, Instant expiresAt) {
    try {
      return Optional.of(write(current.partition(),
          List.of(Write.replace(current.key(), current.version(), data, expiresAt))).get(0));
    } catch (ConditionFailedException changed) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code data} over what the caller read: replaces {@code read} iff it is still at its version, or, when the
   * caller read nothing, creates the key iff it is still absent. Empty when either changed meanwhile (read again).
   */
  default Optional<Item> writeOver(Optional<Item> read, String partition, String key, String data,
      Instant expiresAt) {
    return read.isPresent()
        ? compareAndSet(read.get(), data, expiresAt)
        : putIfAbsent(partition, key, data, expiresAt);
  }

  /** Deletes an item if present. Idempotent. */
  default void delete(String partition, String key) {
    write(partition, List.of(new Write.Delete(key, Write.Condition.any())));
  }
}
