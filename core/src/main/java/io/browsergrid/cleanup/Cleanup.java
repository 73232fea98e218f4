package io.browsergrid.cleanup;

import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.event.Outbox;
import io.browsergrid.pool.PoolKeeper;
import io.browsergrid.session.SessionReaper;
import java.time.Clock;
import java.time.Instant;

/**
 * The scheduled {@code cleanup} function: the session pass ({@link SessionReaper}), the pool pass (dead idle
 * browsers replaced, pools topped up) and the outbox pass (events nobody handled in time are queued again). Idempotent and safe to run twice at once.
 */
public final class Cleanup {
  private static final System.Logger LOG = System.getLogger(Cleanup.class.getName());
  private final SessionReaper reaper;
  private final PoolKeeper pools;
  private final TenantRepository tenants;
  private final Outbox outbox;
  private final Clock clock;

  public Cleanup(SessionReaper reaper, PoolKeeper pools, TenantRepository tenants, Outbox outbox, Clock clock) {
    this.reaper = reaper;
    this.pools = pools;
    this.tenants = tenants;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** What one run did. */
  public record Report(SessionReaper.Report sessions, int eventsRequeued) {
    public boolean didSomething() {
      return sessions.ended() + sessions.orphansStopped() + sessions.slotsFreed() + eventsRequeued > 0;
    }
  }

  /**
   * One pass. Each part runs even when one before it failed (the store or the provider down for a moment); the
   * first failure is thrown at the end, so the scheduler still sees the run fail.
   */
  public Report run() {
    RuntimeException failed = null;
    SessionReaper.Report sessions = new SessionReaper.Report(0, 0, 0);
    try {
      sessions = reaper.run();
    } catch (RuntimeException e) {
      failed = e;
    }
    try {
      pools.run();
    } catch (RuntimeException e) {
      failed = failed == null ? e : failed;
    }
    int requeued = 0;
    try {
      requeued = requeue(clock.instant());
    } catch (RuntimeException e) {
      failed = failed == null ? e : failed;
    }
    if (failed != null) {
      throw failed;
    }
    return new Report(sessions, requeued);
  }

  /** Queues every event still in an outbox, due or not: what a start after a crash does first. */
  public int requeueAll() {
    return requeue(Instant.MAX);
  }

  private int requeue(Instant dueBy) {
    int count = 0;
    for (Tenant tenant : tenants.all()) {
      try {
        count += outbox.requeueDue(tenant.id(), dueBy);
      } catch (RuntimeException e) {
        // one tenant's unreadable outbox must not hold back every other tenant's events
        LOG.log(System.Logger.Level.WARNING, "requeueing the events of tenant " + tenant.id() + " failed: " + e);
      }
    }
    return count;
  }
}
