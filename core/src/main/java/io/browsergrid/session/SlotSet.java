package io.browsergrid.session;

import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A set of ids holding concurrency slots in one partition: a count item ({@code <name>}: how many, and how many in
 * each status and on each pool) and one marker item per holder ({@code <name>:<id>}), changed only together, in one
 * atomic write. So the counts are exact, a limit or a census is one read of one small item whatever the number of
 * holders, the holders are read page by page, and no item grows with
 * the set: it holds any documented limit (10,000) within the store's item size. A tenant's live sessions (added and
 * removed in the same atomic write as the session itself) and the server's slots are each one.
 */
final class SlotSet {
  private static final int PAGE = 1000;

  private final KeyValueStore store;
  private final JsonCodec json;
  private final String countKey;
  private final String markerPrefix;

  SlotSet(KeyValueStore store, JsonCodec json, String name) {
    this.store = store;
    this.json = json;
    this.countKey = name;
    this.markerPrefix = name + ":";
  }

  /** One holder: its id and the pool it runs on (null when none, and for server slots). */
  record Holder(String id, String pool) {}

  private record Count(int count, Map<String, Integer> byStatus, Map<String, Integer> byPool) {}

  private record Marker(String pool) {}

  /** The count as it stands ({@link Occupancy#EMPTY} when never written). */
  Occupancy occupancy(String partition) {
    return store.get(partition, countKey)
        .map(item -> {
          Count c = json.decode(item, Count.class);
          return new Occupancy(c.count(), c.byStatus(), c.byPool(), item.version());
        })
        .orElse(Occupancy.EMPTY);
  }

  /** The marker of {@code id}, empty when it holds no slot. */
  Optional<Item> marker(String partition, String id) {
    return store.get(partition, markerPrefix + id);
  }

  /**
   * The writes that add {@code holder} in {@code status} (null when statuses are not counted): its marker (the write
   * fails if it holds one already) and the counts one up from {@code read} (it fails if they changed since). Put them
   * in one atomic write of {@code partition}.
   */
  List<Write> add(Occupancy read, Holder holder, String status) {
    return List.of(
        Write.create(markerPrefix + holder.id(), json.encode(new Marker(holder.pool())), null),
        countWrite(read, read.count() + 1, plus(read.byStatus(), status, 1), plus(read.byPool(), holder.pool(), 1)));
  }

  /**
   * The writes that remove the holder whose marker is {@code marker}, counted in {@code status} (null when unknown or
   * not counted): the marker at the version read and the counts one down from {@code read}; the write fails if either
   * changed since.
   */
  List<Write> remove(Occupancy read, Item marker, String status) {
    String pool = json.decode(marker, Marker.class).pool();
    return List.of(
        new Write.Delete(marker.key(), Write.Condition.version(marker.version())),
        countWrite(read, Math.max(0, read.count() - 1), plus(read.byStatus(), status, -1),
            plus(read.byPool(), pool, -1)));
  }

  /** The write that moves one holder from status {@code from} to {@code to}; it fails if the counts changed since. */
  Write move(Occupancy read, String from, String to) {
    return countWrite(read, read.count(), plus(plus(read.byStatus(), from, -1), to, 1), read.byPool());
  }

  /** The write that sets the counts to {@code actual} (tallied while {@code read} held); fails if they changed. */
  Write correct(Occupancy read, Occupancy actual) {
    return countWrite(read, actual.count(), actual.byStatus(), actual.byPool());
  }

  private static Map<String, Integer> plus(Map<String, Integer> counts, String key, int delta) {
    if (key == null) {
      return counts;
    }
    Map<String, Integer> next = new TreeMap<>(counts);
    int value = next.getOrDefault(key, 0) + delta;
    if (value > 0) {
      next.put(key, value);
    } else {
      next.remove(key);
    }
    return next;
  }

  private Write countWrite(Occupancy read, int count, Map<String, Integer> byStatus, Map<String, Integer> byPool) {
    String data = json.encode(new Count(count, new TreeMap<>(byStatus), new TreeMap<>(byPool)));
    return read.version() == 0
        ? Write.create(countKey, data, null)
        : Write.replace(countKey, read.version(), data, null);
  }

  /** A page of holders, ascending by id, after {@code cursor} (an id, or null for the first). */
  HolderPage holders(String partition, String cursor, int limit) {
    Page page = store.query(partition, markerPrefix, cursor == null ? null : markerPrefix + cursor, limit);
    List<Holder> holders = new ArrayList<>();
    for (Item item : page.items()) {
      holders.add(new Holder(item.key().substring(markerPrefix.length()), json.decode(item, Marker.class).pool()));
    }
    String next = page.nextCursor() == null ? null : page.nextCursor().substring(markerPrefix.length());
    return new HolderPage(holders, next);
  }

  /** Every holder, ascending by id, read a page at a time. */
  List<Holder> allHolders(String partition) {
    List<Holder> all = new ArrayList<>();
    String cursor = null;
    do {
      HolderPage page = holders(partition, cursor, PAGE);
      all.addAll(page.holders());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  /** Every holder's id, ascending. */
  List<String> allIds(String partition) {
    return allHolders(partition).stream().map(Holder::id).toList();
  }

  /** A page of holders and the id to continue after (null at the end). */
  record HolderPage(List<Holder> holders, String nextCursor) {}
}
