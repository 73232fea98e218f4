package io.browsergrid.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** The in-process queue keeps the port's contract. */
class InMemoryEventQueueContractTest extends EventQueueContract {
  private final LinkedBlockingQueue<EventRef> handled = new LinkedBlockingQueue<>();
  private final InMemoryEventQueue queue = new InMemoryEventQueue(4, Duration.ZERO);

  InMemoryEventQueueContractTest() {
    queue.consumeWith(handled::add);
  }

  @AfterEach
  void close() {
    queue.close();
  }

  @Override
  protected EventQueue queue() {
    return queue;
  }

  @Override
  protected List<EventRef> arrived(int count, Duration within) throws InterruptedException {
    List<EventRef> refs = new ArrayList<>();
    Instant deadline = Instant.now().plus(within);
    while (refs.size() < count && Instant.now().isBefore(deadline)) {
      EventRef ref = handled.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
      if (ref != null) {
        refs.add(ref);
      }
    }
    return refs;
  }
}
