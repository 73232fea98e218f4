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

  /** One pass. */
  public Report run() {
    SessionReaper.Report sessions = reaper.run();
    pools.run();
    return new Report(sessions, requeue(clock.instant()));
  }

  /** Queues every event still in an outbox, due or not: what a start after a crash does first. */
  public int requeueAll() {
    return requeue(Instant.MAX);
  }

  private int requeue(Instant dueBy) {
    int count = 0;
    for (Tenant tenant : tenants.all()) {
      count += outbox.requeueDue(tenant.id(), dueBy);
    }
    return count;
  }
}
