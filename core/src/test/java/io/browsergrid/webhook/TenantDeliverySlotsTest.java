package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.TestClock;
import io.browsergrid.store.InMemoryKeyValueStore;
import io.browsergrid.store.JsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The bound lives in the store: two instances (two slot sets on one store) share it, and a dead holder frees it. */
class TenantDeliverySlotsTest {
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final TenantDeliverySlots one = new TenantDeliverySlots(store, new JsonCodec(), clock, 2);
  private final TenantDeliverySlots other = new TenantDeliverySlots(store, new JsonCodec(), clock, 2);

  @Test
  void twoInstancesShareOneTenantsBoundAndOtherTenantsAreNotHeldUp() {
    Optional<TenantDeliverySlots.Slot> first = one.acquire("acme");
    Optional<TenantDeliverySlots.Slot> second = other.acquire("acme");

    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(one.acquire("acme")).as("a third run of acme").isEmpty();
    assertThat(other.acquire("acme")).as("nor in the other instance").isEmpty();
    assertThat(other.acquire("globex")).as("another tenant").isPresent();

    one.release(second.get());
    assertThat(one.held("acme")).isEqualTo(1);
    assertThat(one.acquire("acme")).isPresent();
  }

  @Test
  void aHolderThatDiedFreesItsPlaceWhenItsLeaseRunsOut() {
    one.acquire("acme");
    one.acquire("acme");
    assertThat(other.acquire("acme")).isEmpty();

    clock.advance(TenantDeliverySlots.LEASE);

    assertThat(other.acquire("acme")).isPresent();
  }

  @Test
  void releasingTwiceOrAfterTheLeaseIsANoOp() {
    TenantDeliverySlots.Slot slot = one.acquire("acme").orElseThrow();
    one.release(slot);
    one.release(slot);
    assertThat(one.held("acme")).isZero();
  }

  @Test
  void racingAcquiresNeverGoOverTheBound() throws Exception {
    TenantDeliverySlots slots = new TenantDeliverySlots(store, new JsonCodec(), clock, 3);
    ExecutorService threads = Executors.newFixedThreadPool(12);
    try {
      CyclicBarrier together = new CyclicBarrier(12);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Callable<Boolean> acquire = () -> {
          together.await();
          return slots.acquire("acme").isPresent();
        };
        tries.add(threads.submit(acquire));
      }
      int granted = 0;
      for (Future<Boolean> t : tries) {
        granted += t.get() ? 1 : 0;
      }
      assertThat(granted).isEqualTo(3);
      assertThat(slots.held("acme")).isEqualTo(3);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void unboundedNeverTouchesTheStore() {
    TenantDeliverySlots none = TenantDeliverySlots.unbounded();
    for (int i = 0; i < 100; i++) {
      assertThat(none.acquire("acme")).isPresent();
    }
    assertThat(store.get("tenant:acme", TenantDeliverySlots.KEY)).isEmpty();
  }
}
