package io.browsergrid.event;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link EventQueue} inside one process (standalone): each ref waits out its delay on a timer, then worker threads
 * hand due refs to the consumer, fairly: tenants take turns, and one tenant has at most {@code perTenant} of the
 * workers at once, so one tenant's slow receivers never hold the deliveries of every other. Nothing here is durable,
 * and nothing needs to be: the outbox is.
 */
public final class InMemoryEventQueue implements EventQueue, AutoCloseable {
  private static final Logger LOG = System.getLogger(InMemoryEventQueue.class.getName());
  private final ScheduledExecutorService timer;
  private final List<Thread> workers = new ArrayList<>();
  private final Duration minDelay;
  private final int perTenant;
  // due refs by tenant, in the order tenants take their turns (a served tenant moves to the end)
  private final LinkedHashMap<String, ArrayDeque<EventRef>> due = new LinkedHashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private boolean closed;
  private volatile Consumer<EventRef> consumer;

  /**
   * @param threads  workers handing refs to the consumer
   * @param minDelay every event waits at least this long: the request that committed it finishes first instead of
   *                 competing with its own webhook fan-out for the store
   */
  public InMemoryEventQueue(int threads, Duration minDelay) {
    this(threads, Math.max(1, threads / 2), minDelay);
  }

  /** @param perTenant workers one tenant may hold at once */
  public InMemoryEventQueue(int threads, int perTenant, Duration minDelay) {
    this.minDelay = minDelay;
    this.perTenant = perTenant;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "browsergrid-events-timer");
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, "browsergrid-events-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Sets who handles the refs; refs that came due before this are handled once it is set. */
  public void consumeWith(Consumer<EventRef> handler) {
    this.consumer = handler;
    synchronized (due) {
      due.notifyAll();
    }
  }

  @Override
  public void enqueue(EventRef ref, Duration delay) {
    timer.schedule(() -> ready(ref), Math.max(minDelay.toMillis(), delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void ready(EventRef ref) {
    synchronized (due) {
      due.computeIfAbsent(ref.tenantId(), t -> new ArrayDeque<>()).add(ref);
      due.notify();
    }
  }

  private void work() {
    while (true) {
      EventRef ref;
      synchronized (due) {
        while ((ref = next()) == null) {
          if (closed) {
            return;
          }
          try {
            due.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      try {
        consumer.accept(ref);
      } catch (RuntimeException e) {
        // the outbox still holds the event; cleanup queues it again
        LOG.log(Level.WARNING, "handling event " + ref.eventId() + " failed: " + e.getMessage());
      } finally {
        synchronized (due) {
          Integer was = running.merge(ref.tenantId(), -1, (a, b) -> a + b == 0 ? null : a + b);
          // only a tenant that was at its share may have work a sleeping worker skipped: wake one, not the herd
          if ((was == null ? 0 : was) + 1 >= perTenant && due.containsKey(ref.tenantId())) {
            due.notify();
          }
        }
      }
    }
  }

  /** The next ref to hand out, taking it; null when none may go now. Holds the lock. */
  private EventRef next() {
    if (closed || consumer == null) {
      return null;
    }
    for (Iterator<Map.Entry<String, ArrayDeque<EventRef>>> it = due.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, ArrayDeque<EventRef>> e = it.next();
      String tenant = e.getKey();
      if (running.getOrDefault(tenant, 0) >= perTenant) {
        continue;
      }
      EventRef ref = e.getValue().poll();
      it.remove();
      if (!e.getValue().isEmpty()) {
        due.put(tenant, e.getValue());
      }
      running.merge(tenant, 1, Integer::sum);
      return ref;
    }
    return null;
  }

  /** Stops handing out refs; pending ones stay in the outbox for the next start. */
  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (due) {
      closed = true;
      due.notifyAll();
    }
    for (Thread t : workers) {
      t.interrupt();
    }
    for (Thread t : workers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
