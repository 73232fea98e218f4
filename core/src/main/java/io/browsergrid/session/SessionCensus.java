package io.browsergrid.session;

import io.browsergrid.pool.Pool;
import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts live sessions by status and by pool, for {@code /v1/usage}, the metrics and the pools' busy counts: one read
 * of each tenant's counts, never of its sessions.
 */
public final class SessionCensus {
  private final TenantRepository tenants;
  private final SessionRepository sessions;

  public SessionCensus(TenantRepository tenants, SessionRepository sessions) {
    this.tenants = tenants;
    this.sessions = sessions;
  }

  /** Live sessions on pool {@code name}: of {@code tenantId} only, or of every tenant when it is null. */
  public int liveOnPool(String tenantId, String name) {
    if (tenantId != null) {
      return sessions.occupancy(tenantId).onPool(name);
    }
    int count = 0;
    for (Tenant tenant : tenants.all()) {
      count += sessions.occupancy(tenant.id()).onPool(name);
    }
    return count;
  }

  /** Sessions holding a browser of {@code pool} now: the owner's for a tenant's pool, every tenant's for the shared. */
  public int busyOn(Pool pool) {
    return liveOnPool(Pool.SHARED.equals(pool.owner()) ? null : pool.owner(), pool.name());
  }

  /** Live sessions by status name ({@code pending}, {@code starting}, {@code running}, {@code stopping}). */
  public Map<String, Long> liveByStatus() {
    Map<String, Long> counts = new HashMap<>();
    for (Tenant tenant : tenants.all()) {
      sessions.occupancy(tenant.id()).byStatus().forEach((status, n) -> counts.merge(status, (long) n, Long::sum));
    }
    return counts;
  }

  /** Live sessions of {@code tenantId} by status name. */
  public Map<String, Long> liveByStatus(String tenantId) {
    Map<String, Long> counts = new HashMap<>();
    sessions.occupancy(tenantId).byStatus().forEach((status, n) -> counts.put(status, (long) n));
    return counts;
  }
}
