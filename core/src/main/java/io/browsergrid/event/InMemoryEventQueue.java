package io.browsergrid.event;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@link EventQueue} inside one process (standalone): a pool of daemon threads hands each ref to the consumer, after
 * its delay. Nothing here is durable, and nothing needs to be: the outbox is.
 */
public final class InMemoryEventQueue implements EventQueue, AutoCloseable {
  private static final Logger LOG = System.getLogger(InMemoryEventQueue.class.getName());
  private final ScheduledExecutorService workers;
  private final Duration minDelay;
  private volatile Consumer<EventRef> consumer;

  /**
   * @param minDelay every event waits at least this long: the request that committed it finishes first instead of
   *                 competing with its own webhook fan-out for the store
   */
  public InMemoryEventQueue(int threads, Duration minDelay) {
    this.minDelay = minDelay;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newScheduledThreadPool(threads, r -> {
      Thread t = new Thread(r, "browsergrid-events-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Sets who handles the refs; refs queued before this are handled once it is set. */
  public void consumeWith(Consumer<EventRef> handler) {
    this.consumer = handler;
  }

  @Override
  public void enqueue(EventRef ref, Duration delay) {
    workers.schedule(() -> handle(ref), Math.max(minDelay.toMillis(), delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void handle(EventRef ref) {
    Consumer<EventRef> handler = consumer;
    if (handler == null) {
      workers.schedule(() -> handle(ref), 100, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      handler.accept(ref);
    } catch (RuntimeException e) {
      // the outbox still holds the event; cleanup queues it again
      LOG.log(Level.WARNING, "handling event " + ref.eventId() + " failed: " + e.getMessage());
    }
  }

  /** Stops handing out refs; pending ones stay in the outbox for the next start. */
  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
