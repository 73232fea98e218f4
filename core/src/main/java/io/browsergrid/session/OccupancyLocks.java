package io.browsergrid.session;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-process mutual exclusion for the read-modify-write of a tenant's occupancy item. The store's conditional writes
 * keep occupancy exact across processes on their own; this only keeps threads of one process from racing each other
 * into conflicts and retries, which under load cost far more than waiting their turn. Striped by tenant, so tenants
 * rarely wait for each other. Thread-safe.
 */
public final class OccupancyLocks {
  private static final int STRIPES = 64;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  public OccupancyLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Runs {@code work} while no other thread of this process works on {@code tenantId}'s occupancy; reentrant. */
  public <T> T locked(String tenantId, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(tenantId.hashCode(), STRIPES)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
