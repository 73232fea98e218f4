package io.browsergrid.session;

import io.browsergrid.auth.Tenant;
import io.browsergrid.event.Event;
import io.browsergrid.event.Outbox;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Versioned;
import io.browsergrid.store.Write;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sessions on the {@link KeyValueStore}. The tenant is the partition: a session and its slot among the tenant's live
 * sessions (a {@link SlotSet}: a count and one marker per live session) are written in one atomic write. A small
 * global index ({@code sessions/<id> → tenant}) lets the CDP proxy find a session from its URL alone. Every change that
 * emits an event writes it to the tenant's {@link Outbox} in the same atomic write.
 */
public final class SessionRepository {
  private static final String PREFIX = "session:";
  private static final int MAX_COUNT_ATTEMPTS = 200;
  private static final String INDEX_PARTITION = "sessions";
  /** Ended sessions are kept this long for reads and lists, then garbage-collected. */
  private static final Duration RETENTION = Duration.ofDays(7);

  private final KeyValueStore store;
  private final JsonCodec json;
  private final Outbox outbox;
  private final SessionEvents events;
  private final SlotSet live;

  public SessionRepository(KeyValueStore store, JsonCodec json, Outbox outbox, SessionEvents events) {
    this.store = store;
    this.json = json;
    this.outbox = outbox;
    this.events = events;
    this.live = new SlotSet(store, json, "live");
  }

  private static String partition(String tenantId) {
    return Tenant.partition(tenantId);
  }

  /** The session, or empty when this tenant has none with that id. */
  public Optional<Versioned<Session>> get(String tenantId, String id) {
    return store.get(partition(tenantId), PREFIX + id).map(this::decode);
  }

  /** The tenant owning session {@code id}, from the global index. */
  public Optional<String> tenantOf(String id) {
    return store.get(INDEX_PARTITION, id).map(item -> json.decode(item, IndexEntry.class).tenantId());
  }

  /** How many live sessions the tenant has: one read of one small item. */
  public Occupancy occupancy(String tenantId) {
    return live.occupancy(partition(tenantId));
  }

  /** The ids of the tenant's live sessions, ascending (newest first), read a page at a time. */
  public List<String> liveIds(String tenantId) {
    return live.allIds(partition(tenantId));
  }

  /** A page of the ids of the tenant's live sessions, ascending, after {@code cursor} (an id, or null). */
  public LivePage liveIds(String tenantId, String cursor, int limit) {
    SlotSet.HolderPage page = live.holders(partition(tenantId), cursor, limit);
    return new LivePage(page.holders().stream().map(SlotSet.Holder::id).toList(), page.nextCursor());
  }

  /**
   * Records a new session and its slot among the tenant's live sessions, atomically.
   *
   * @param occupancy the tenant's occupancy as read: the write adds one to it
   * @throws ConditionFailedException when the occupancy changed since it was read (retry)
   */
  public Versioned<Session> create(Session session, Occupancy occupancy) {
    return insert(session, occupancy, events.of(null, session).stream().toList());
  }

  /**
   * Records a new session that is {@code running} from the start (on a warm browser it claimed), its slot in the
   * tenant's live sessions and both its events, {@code session.created} (of {@code pending}) and
   * {@code session.running}, in one atomic write.
   *
   * @throws ConditionFailedException when the occupancy changed since it was read (retry)
   */
  public Versioned<Session> createRunning(Session pending, Session running, Occupancy occupancy) {
    List<Event> emitted = new ArrayList<>();
    events.of(null, pending).ifPresent(emitted::add);
    events.of(pending, running).ifPresent(emitted::add);
    return insert(running, occupancy, emitted);
  }

  private Versioned<Session> insert(Session session, Occupancy occupancy, List<Event> emitted) {
    store.putIfAbsent(INDEX_PARTITION, session.id(), json.encode(new IndexEntry(session.tenantId())),
        session.expiresAt().plus(RETENTION));
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(PREFIX + session.id(), json.encode(session), null));
    writes.addAll(live.add(occupancy, new SlotSet.Holder(session.id(), session.pool()), session.status().json()));
    emitted.forEach(e -> writes.add(outbox.entry(e)));
    List<Item> written = store.write(partition(session.tenantId()), writes);
    if (!emitted.isEmpty()) {
      outbox.committed(emitted);
    }
    return new Versioned<>(session, written.get(0));
  }

  /**
   * Writes {@code next} over {@code current}, with its event in the same atomic write; empty when the session
   * changed meanwhile (re-read and decide again).
   */
  public Optional<Versioned<Session>> update(Versioned<Session> current, Session next) {
    String partition = partition(next.tenantId());
    Optional<Event> event = events.of(current.value(), next);
    boolean moves = current.value().status() != next.status();
    for (int attempt = 0; attempt < MAX_COUNT_ATTEMPTS; attempt++) {
      List<Write> writes = new ArrayList<>();
      writes.add(Write.replace(current.item().key(), current.version(), json.encode(next), null));
      event.ifPresent(e -> writes.add(outbox.entry(e)));
      if (moves) {
        // the tenant's counts by status move in the same write, so they always agree with the records
        writes.add(live.move(live.occupancy(partition), current.value().status().json(), next.status().json()));
      }
      try {
        Item written = store.write(partition, writes).get(0);
        event.ifPresent(e -> outbox.committed(List.of(e)));
        return Optional.of(new Versioned<>(next, written));
      } catch (ConditionFailedException changed) {
        Optional<Item> now = store.get(partition, current.item().key());
        if (!moves || now.isEmpty() || now.get().version() != current.version()) {
          return Optional.empty();
        }
        // only the counts changed (another session of the tenant moved): write again over the new counts
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("the live counts of tenant " + next.tenantId() + " are too contended to update");
  }


  /**
   * Writes an ended session and frees its slot among the tenant's live sessions, atomically.
   *
   * @throws ConditionFailedException when the session or the occupancy changed since read (retry)
   */
  public Versioned<Session> end(Versioned<Session> current, Session ended) {
    String partition = partition(ended.tenantId());
    List<Write> writes = new ArrayList<>();
    writes.add(Write.replace(current.item().key(), current.version(), json.encode(ended),
        ended.endedAt().plus(RETENTION)));
    Optional<Item> marker = live.marker(partition, ended.id());
    if (marker.isPresent()) {
      writes.addAll(live.remove(live.occupancy(partition), marker.get(), current.value().status().json()));
    }
    Optional<Event> event = events.of(current.value(), ended);
    event.ifPresent(e -> writes.add(outbox.entry(e)));
    List<Item> written = store.write(partition, writes);
    event.ifPresent(e -> outbox.committed(List.of(e)));
    return new Versioned<>(ended, written.get(0));
  }

  /**
   * Frees the slot of {@code id} without a session change (cleanup freeing the slot of a session that is gone or
   * ended). Idempotent.
   *
   * @return true when this call freed it
   * @throws ConditionFailedException when the occupancy changed meanwhile (retry)
   */
  public boolean freeSlot(String tenantId, String id) {
    String partition = partition(tenantId);
    Optional<Item> marker = live.marker(partition, id);
    if (marker.isEmpty()) {
      return false;
    }
    // its session is gone or ended, so which status it was counted in is unknown: cleanup's tally corrects that
    store.write(partition, live.remove(live.occupancy(partition), marker.get(), null));
    return true;
  }

  /**
   * Sets the tenant's counts to {@code actual}, tallied from its live sessions while the counts read {@code read}:
   * the write holds only if no session was created, moved or ended since, so the tally was a true snapshot.
   *
   * @return true when the counts were corrected now
   */
  public boolean correctCounts(String tenantId, Occupancy read, Occupancy actual) {
    try {
      store.write(partition(tenantId), List.of(live.correct(read, actual)));
      return true;
    } catch (ConditionFailedException changed) {
      return false;
    }
  }

  /** One page of a tenant's sessions, newest first. */
  public SessionPage list(String tenantId, String cursor, int limit) {
    Page page = store.query(partition(tenantId), PREFIX, cursor == null ? null : PREFIX + cursor, limit);
    List<Versioned<Session>> sessions = page.items().stream().map(this::decode).toList();
    String next = page.nextCursor() == null ? null : page.nextCursor().substring(PREFIX.length());
    return new SessionPage(sessions, next);
  }

  private Versioned<Session> decode(Item item) {
    return new Versioned<>(json.decode(item, Session.class), item);
  }

  /** The global index entry: which tenant a session belongs to. */
  record IndexEntry(String tenantId) {}

  /** A page of live session ids; {@code nextCursor} is the id to continue after, or null at the end. */
  public record LivePage(List<String> ids, String nextCursor) {}

  /** A page of sessions; {@code nextCursor} is a session id, or null at the end. */
  public record SessionPage(List<Versioned<Session>> items, String nextCursor) {}
}
