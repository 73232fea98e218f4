package io.browsergrid.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryEventQueueTest {
  @Test
  void aTenantWhoseDeliveriesHangHoldsAtMostItsShareOfTheWorkers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowRunning = new AtomicInteger();
    AtomicInteger mostSlowAtOnce = new AtomicInteger();
    CountDownLatch otherDone = new CountDownLatch(3);
    List<String> handled = new CopyOnWriteArrayList<>();
    try (InMemoryEventQueue queue = new InMemoryEventQueue(4, 2, Duration.ZERO)) {
      queue.consumeWith(ref -> {
        handled.add(ref.eventId());
        if (ref.tenantId().equals("slow")) {
          mostSlowAtOnce.accumulateAndGet(slowRunning.incrementAndGet(), Math::max);
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          slowRunning.decrementAndGet();
        } else {
          otherDone.countDown();
        }
      });
      for (int i = 0; i < 20; i++) {
        queue.enqueue(new EventRef("slow", "evt_slow" + i), Duration.ZERO);
      }
      for (int i = 0; i < 3; i++) {
        queue.enqueue(new EventRef("fast", "evt_fast" + i), Duration.ZERO);
      }
      assertThat(otherDone.await(30, TimeUnit.SECONDS)).as("the other tenant's events went through").isTrue();
      assertThat(mostSlowAtOnce.get()).as("workers the hanging tenant held").isLessThanOrEqualTo(2);
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (handled.size() < 23 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(handled).hasSize(23).doesNotHaveDuplicates();
    }
  }

  @Test
  void refsWaitOutTheirDelayAndTheConsumerSetLate() throws Exception {
    CountDownLatch got = new CountDownLatch(1);
    try (InMemoryEventQueue queue = new InMemoryEventQueue(2, Duration.ZERO)) {
      queue.enqueue(new EventRef("t", "evt_1"), Duration.ofMillis(50));
      queue.consumeWith(ref -> got.countDown());
      assertThat(got.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
