package io.browsergrid.event;

import io.browsergrid.store.Item;
import io.browsergrid.store.Keys;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Versioned;
import io.browsergrid.store.Write;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each tenant's outbox ({@code outbox:<eventId>} in the tenant partition). A state change adds its event's
 * {@link #entry} to the same atomic write as the change, then calls {@link #committed} to queue it; an event is
 * removed only when every delivery of it is final. So nothing is emitted that was not committed, and nothing committed
 * is lost: cleanup queues again whatever waits past its {@code nextCheckAt}.
 */
public final class Outbox {
  /** How long a fresh event may wait for its first handling before cleanup queues it again. */
  public static final Duration FIRST_CHECK = Duration.ofSeconds(30);
  private static final Logger LOG = System.getLogger(Outbox.class.getName());
  private static final String PREFIX = "outbox:";

  private final KeyValueStore store;
  private final JsonCodec json;
  private final EventQueue queue;

  public Outbox(KeyValueStore store, JsonCodec json, EventQueue queue) {
    this.store = store;
    this.json = json;
    this.queue = queue;
  }

  /** The write that puts {@code event} in its tenant's outbox; add it to the state change's atomic write. */
  public Write entry(Event event) {
    return Write.create(PREFIX + event.id(), json.encode(new OutboxEntry(event, event.timestamp().plus(FIRST_CHECK))),
        null);
  }

  /** Queues events whose write committed. Never throws: a queue failure is repaired by cleanup. */
  public void committed(List<Event> events) {
    for (Event e : events) {
      try {
        queue.enqueue(new EventRef(e.tenantId(), e.id()), Duration.ZERO);
      } catch (RuntimeException failed) {
        LOG.log(Level.WARNING, "could not queue event " + e.id() + "; cleanup will: " + failed.getMessage());
      }
    }
  }

  public Optional<Versioned<OutboxEntry>> get(String tenantId, String eventId) {
    return store.get(Keys.tenantPartition(tenantId), PREFIX + eventId)
        .map(item -> new Versioned<>(json.decode(item, OutboxEntry.class), item));
  }

  /** Records when to look at the event again; false when it changed meanwhile. */
  public boolean reschedule(Versioned<OutboxEntry> entry, Instant nextCheckAt) {
    return store.compareAndSet(entry.item(), json.encode(new OutboxEntry(entry.value().event(), nextCheckAt)), null)
        .isPresent();
  }

  /** Removes a finished event. Idempotent. */
  public void remove(String tenantId, String eventId) {
    store.delete(Keys.tenantPartition(tenantId), PREFIX + eventId);
  }

  /**
   * Queues again every event of {@code tenantId} due by {@code dueBy}; returns how many.
   * Cleanup calls it with now; a start after a crash calls it with a far future to queue everything at once.
   */
  public int requeueDue(String tenantId, Instant dueBy) {
    int count = 0;
    String cursor = null;
    do {
      Page page = store.query(Keys.tenantPartition(tenantId), PREFIX, cursor, 500);
      for (Item item : page.items()) {
        OutboxEntry entry = json.decode(item, OutboxEntry.class);
        if (!entry.nextCheckAt().isAfter(dueBy)) {
          committed(List.of(entry.event()));
          count++;
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return count;
  }

}
