package io.browsergrid.usage;

import io.browsergrid.admission.StartQueue;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Role;
import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.pool.Pool;
import io.browsergrid.pool.PoolCounts;
import io.browsergrid.pool.PoolService;
import io.browsergrid.problem.Refusal;
import io.browsergrid.session.ServerSlots;
import io.browsergrid.session.SessionCensus;
import io.browsergrid.store.Versioned;
import java.util.Map;

/** {@code GET /v1/usage}: the caller's tenant's usage and limits, and the server's for the operator. Reads only. */
public final class UsageService {
  private final TenantRepository tenants;
  private final SessionCensus census;
  private final PoolService pools;
  private final ServerSlots slots;
  private final StartQueue startQueue;

  public UsageService(TenantRepository tenants, SessionCensus census, PoolService pools, ServerSlots slots,
      StartQueue startQueue) {
    this.tenants = tenants;
    this.census = census;
    this.pools = pools;
    this.slots = slots;
    this.startQueue = startQueue;
  }

  /** @throws Refusal unauthenticated when the caller's tenant no longer exists */
  public Usage of(Principal caller) {
    Tenant tenant = tenants.get(caller.tenantId()).map(Versioned::value)
        .orElseThrow(() -> Refusal.unauthenticated("the key's tenant no longer exists"));
    Map<String, Long> live = census.liveByStatus(tenant.id());
    int warm = 0;
    for (Pool pool : pools.list(caller)) {
      if (tenant.id().equals(pool.owner())) {
        PoolCounts counts = pools.counts(pool);
        warm += counts.idle() + counts.starting();
      }
    }
    Usage.Server server = null;
    if (caller.role() == Role.OPERATOR) {
      StartQueue.Counts starts = startQueue.counts();
      server = new Usage.Server(slots.count(), slots.max(), starts.starting(), starts.queued(),
          startQueue.settings().maxStarting(), startQueue.settings().maxQueueWait().toSeconds());
    }
    return new Usage(tenant.id(), count(live, "pending"), count(live, "starting"), count(live, "running"), warm,
        tenant.maxConcurrentSessions(), tenant.limits(), server);
  }

  private static int count(Map<String, Long> live, String status) {
    return live.getOrDefault(status, 0L).intValue();
  }
}
