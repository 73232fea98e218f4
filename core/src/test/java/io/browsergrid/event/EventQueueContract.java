package io.browsergrid.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventQueue} promises, run against each one (the in-process queue, SQS on ElasticMQ, and the
 * queues to come): a queued ref arrives intact, many refs of many tenants all arrive (at least once, in any order),
 * and a delayed ref arrives after its delay, later than a ref queued after it without one.
 */
public abstract class EventQueueContract {
  /** Longer than any delay the tests ask for, on a slow machine. */
  protected static final Duration ARRIVAL = Duration.ofSeconds(60);

  /** The queue under test, empty; the same instance for every call within one test. */
  protected abstract EventQueue queue();

  /**
   * The refs that arrived, in the order they arrived, once at least {@code count} have or {@code within} passed
   * (consuming them: a ref is returned by one call only).
   */
  protected abstract List<EventRef> arrived(int count, Duration within) throws Exception;

  @Test
  void aQueuedRefArrivesIntact() throws Exception {
    EventRef ref = new EventRef("t-0123456789abcdef", "evt_01HZX3K9J5Q7W8E2R4T6Y8U0I2");
    queue().enqueue(ref, Duration.ZERO);
    assertThat(arrived(1, ARRIVAL)).containsExactly(ref);
  }

  @Test
  void manyRefsOfManyTenantsAllArrive() throws Exception {
    Set<EventRef> sent = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      EventRef ref = new EventRef("t" + (i % 4), "e" + i);
      sent.add(ref);
      queue().enqueue(ref, Duration.ZERO);
    }
    List<EventRef> got = new ArrayList<>();
    while (!new HashSet<>(got).containsAll(sent)) {
      List<EventRef> more = arrived(sent.size() - new HashSet<>(got).size(), ARRIVAL);
      assertThat(more).as("refs still arriving; missing " + missing(sent, got)).isNotEmpty();
      got.addAll(more);
    }
    assertThat(new HashSet<>(got)).isEqualTo(sent);
  }

  @Test
  void aDelayedRefArrivesAfterAnUndelayedOneQueuedAfterIt() throws Exception {
    EventRef later = new EventRef("t1", "later");
    EventRef now = new EventRef("t1", "now");
    queue().enqueue(later, Duration.ofSeconds(2));
    queue().enqueue(now, Duration.ZERO);
    assertThat(arrived(2, ARRIVAL)).containsExactly(now, later);
  }

  private static Set<EventRef> missing(Set<EventRef> sent, List<EventRef> got) {
    Set<EventRef> missing = new HashSet<>(sent);
    got.forEach(missing::remove);
    return missing;
  }
}
