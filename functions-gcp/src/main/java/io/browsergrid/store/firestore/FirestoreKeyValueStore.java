package io.browsergrid.store.firestore;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreException;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Keys;
import io.browsergrid.store.Page;
import io.browsergrid.store.StoreUnavailableException;
import io.browsergrid.store.Write;
import io.browsergrid.store.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * {@link KeyValueStore} on Firestore (native mode): partition {@code p} is the document {@code <root>/p}, its items
 * the documents of its {@code items} subcollection, named by key, with the fields {@code k} (the key again, which
 * range queries order by), {@code version}, {@code data}, {@code expiresAt} (a timestamp, to the millisecond: the
 * database's TTL policy field) and {@code writeId} (new for every write call).
 *
 * <p>A write reads the written keys, checks the conditions on what it read ({@link WriteBatch#apply}), and commits
 * the puts and deletes as one atomic batch (at most {@link Keys#MAX_WRITES}, well under Firestore's 500) in which
 * every item read is written on the precondition that its update time is still the one read, and every absent one is
 * created (which fails if it exists meanwhile). So a concurrent writer of any of the items makes the whole batch fail
 * with FAILED_PRECONDITION or ALREADY_EXISTS, reported as the failed condition it is, and nothing is written; no lock
 * is taken, so racing writers never wait for each other (transactions, which lock what they read, made 16 racing
 * compare-and-sets of one item take minutes on the emulator). When a commit's answer is lost and the client retries
 * it, the retry finds its own {@code writeId} on the items and reports the write as done. Reads are strongly
 * consistent; any other failure throws {@link StoreUnavailableException}.
 */
public final class FirestoreKeyValueStore implements KeyValueStore {
  static final String ITEMS = "items";
  static final String KEY = "k";
  static final String VERSION = "version";
  static final String DATA = "data";
  static final String EXPIRES_AT = "expiresAt";
  static final String WRITE_ID = "writeId";
  // every key character sorts below it (Keys' alphabet is ASCII up to '~'): the exclusive end of a prefix's range
  private static final String PAST_PREFIX = "\u007f";

  private final Firestore firestore;
  private final CollectionReference root;

  /** @param rootCollection the collection holding one document per partition ({@code browsergrid}) */
  public FirestoreKeyValueStore(Firestore firestore, String rootCollection) {
    this.firestore = firestore;
    this.root = firestore.collection(rootCollection);
  }

  @Override
  public Optional<Item> get(String partition, String key) {
    Keys.check(partition, "partition");
    Keys.check(key, "key");
    try {
      DocumentSnapshot document = document(partition, key).get().get();
      return document.exists() ? Optional.of(item(partition, document)) : Optional.empty();
    } catch (ExecutionException | RuntimeException e) {
      throw unavailable("get " + partition + "/" + key, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("get " + partition + "/" + key, e);
    }
  }

  @Override
  public List<Item> write(String partition, List<Write> writes) {
    WriteBatch.check(partition, writes);
    String writeId = UUID.randomUUID().toString();
    List<Item> puts = null;
    try {
      DocumentReference[] references = writes.stream().map(w -> document(partition, w.key()))
          .toArray(DocumentReference[]::new);
      Map<String, DocumentSnapshot> read = new HashMap<>();
      firestore.getAll(references).get().forEach(document -> read.put(document.getId(), document));
      WriteBatch.Outcome outcome = WriteBatch.apply(partition, writes,
          key -> read.get(key).exists() ? item(partition, read.get(key)) : null);
      com.google.cloud.firestore.WriteBatch batch = firestore.batch();
      for (Item item : outcome.puts()) {
        DocumentSnapshot before = read.get(item.key());
        if (before.exists()) {
          // the item as read, no other: a writer that got in between changed its update time
          batch.update(before.getReference(), fields(item, writeId), Precondition.updatedAt(before.getUpdateTime()));
        } else {
          batch.create(document(partition, item.key()), fields(item, writeId));
        }
      }
      for (String key : outcome.deletes()) {
        DocumentSnapshot before = read.get(key);
        if (before.exists()) {
          Write delete = writes.stream().filter(w -> w.key().equals(key)).findFirst().orElseThrow();
          batch.delete(before.getReference(), delete.condition().kind() == Write.Condition.Kind.ANY
              ? Precondition.NONE : Precondition.updatedAt(before.getUpdateTime()));
        }
      }
      puts = outcome.puts();
      batch.commit().get();
      return puts;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (puts != null && lostPrecondition(cause) && appliedByThisCall(partition, writes, writeId)) {
        return puts;
      }
      throw failed(partition, writes, cause);
    } catch (ConditionFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failed(partition, writes, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("write in " + partition, e);
    }
  }

  private static Map<String, Object> fields(Item item, String writeId) {
    Map<String, Object> fields = new HashMap<>();
    fields.put(KEY, item.key());
    fields.put(VERSION, item.version());
    fields.put(DATA, item.data());
    fields.put(EXPIRES_AT, item.expiresAt() == null ? null
        : Timestamp.ofTimeSecondsAndNanos(item.expiresAt().getEpochSecond(), item.expiresAt().getNano()));
    fields.put(WRITE_ID, writeId);
    return fields;
  }

  /**
   * Whether the items carry this call's {@code writeId}: the client retries a commit whose answer was lost, and the
   * retry then finds its own earlier, applied, commit in the way.
   */
  private boolean appliedByThisCall(String partition, List<Write> writes, String writeId) {
    Optional<Write> put = writes.stream().filter(w -> w instanceof Write.Put).findFirst();
    return put.isPresent() && get(partition, put.get().key()).isPresent()
        && writeId.equals(writeIdOf(partition, put.get().key()));
  }

  private String writeIdOf(String partition, String key) {
    try {
      return document(partition, key).get().get().getString(WRITE_ID);
    } catch (ExecutionException e) {
      throw unavailable("get " + partition + "/" + key, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("get " + partition + "/" + key, e);
    }
  }

  /** A commit's failure as the port names it. */
  private static RuntimeException failed(String partition, List<Write> writes, Throwable cause) {
    if (!lostPrecondition(cause)) {
      return unavailable("write in " + partition, cause);
    }
    // an unconditional delete promises no failed condition: its caller should retry it later instead
    boolean onlyUnconditional = writes.stream().allMatch(w -> w.condition().kind() == Write.Condition.Kind.ANY);
    return onlyUnconditional ? unavailable("write in " + partition + " (raced)", cause)
        : new ConditionFailedException(writes.get(0).key());
  }

  @Override
  public Page query(String partition, String keyPrefix, String cursor, int limit) {
    WriteBatch.checkQuery(partition, keyPrefix, cursor, limit);
    if (cursor != null && !keyPrefix.isEmpty() && cursor.compareTo(keyPrefix + PAST_PREFIX) >= 0) {
      return new Page(List.of(), null);
    }
    Query query = items(partition).orderBy(KEY);
    if (!keyPrefix.isEmpty()) {
      query = query.whereLessThan(KEY, keyPrefix + PAST_PREFIX);
    }
    if (cursor != null && cursor.compareTo(keyPrefix) >= 0) {
      query = query.whereGreaterThan(KEY, cursor);
    } else if (!keyPrefix.isEmpty()) {
      query = query.whereGreaterThanOrEqualTo(KEY, keyPrefix);
    }
    try {
      List<Item> items = new ArrayList<>();
      for (QueryDocumentSnapshot document : query.limit(limit).get().get().getDocuments()) {
        items.add(item(partition, document));
      }
      return new Page(items, items.size() == limit ? items.get(items.size() - 1).key() : null);
    } catch (ExecutionException | RuntimeException e) {
      throw unavailable("query " + partition + "/" + keyPrefix, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("query " + partition + "/" + keyPrefix, e);
    }
  }

  private CollectionReference items(String partition) {
    return root.document(partition).collection(ITEMS);
  }

  private DocumentReference document(String partition, String key) {
    return items(partition).document(key);
  }

  private static Item item(String partition, DocumentSnapshot document) {
    Timestamp expiresAt = document.getTimestamp(EXPIRES_AT);
    Long version = document.getLong(VERSION);
    return new Item(partition, document.getId(), version == null ? 1 : version, document.getString(DATA),
        expiresAt == null ? null : Instant.ofEpochSecond(expiresAt.getSeconds(), expiresAt.getNanos()));
  }

  /** A precondition the commit found broken: another writer changed or created an item since it was read. */
  private static boolean lostPrecondition(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        StatusCode.Code code = api.getStatusCode().getCode();
        return code == StatusCode.Code.FAILED_PRECONDITION || code == StatusCode.Code.ALREADY_EXISTS
            || code == StatusCode.Code.NOT_FOUND || code == StatusCode.Code.ABORTED;
      }
      if (t instanceof FirestoreException firestore && firestore.getStatus() != null) {
        io.grpc.Status.Code code = firestore.getStatus().getCode();
        return code == io.grpc.Status.Code.FAILED_PRECONDITION || code == io.grpc.Status.Code.ALREADY_EXISTS
            || code == io.grpc.Status.Code.NOT_FOUND || code == io.grpc.Status.Code.ABORTED;
      }
    }
    return false;
  }

  private static StoreUnavailableException unavailable(String what, Throwable cause) {
    return new StoreUnavailableException("Firestore: " + what + " failed: " + cause.getMessage(), cause);
  }
}
