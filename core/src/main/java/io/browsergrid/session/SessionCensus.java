package io.browsergrid.session;

import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.store.Versioned;
import java.util.HashMap;
import java.util.Map;

/** Counts live sessions by status, from the store, for the {@code browsergrid_sessions} gauge. */
public final class SessionCensus {
  private final TenantRepository tenants;
  private final SessionRepository sessions;

  public SessionCensus(TenantRepository tenants, SessionRepository sessions) {
    this.tenants = tenants;
    this.sessions = sessions;
  }

  /** Live sessions on pool {@code name}: of {@code tenantId} only, or of every tenant when it is null. */
  public int liveOnPool(String tenantId, String name) {
    int count = 0;
    for (Tenant tenant : tenants.all()) {
      if (tenantId != null && !tenant.id().equals(tenantId)) {
        continue;
      }
      // each live session's marker names its pool: no session record is read
      for (SlotSet.Holder holder : sessions.liveHolders(tenant.id())) {
        if (name.equals(holder.pool())) {
          count++;
        }
      }
    }
    return count;
  }

  /** Live sessions by status name ({@code pending}, {@code starting}, {@code running}, {@code stopping}). */
  public Map<String, Long> liveByStatus() {
    Map<String, Long> counts = new HashMap<>();
    for (Tenant tenant : tenants.all()) {
      count(tenant.id(), counts);
    }
    return counts;
  }

  /** Live sessions of {@code tenantId} by status name. */
  public Map<String, Long> liveByStatus(String tenantId) {
    Map<String, Long> counts = new HashMap<>();
    count(tenantId, counts);
    return counts;
  }

  private void count(String tenantId, Map<String, Long> counts) {
    for (String id : sessions.liveIds(tenantId)) {
      sessions.get(tenantId, id).map(Versioned::value).filter(s -> s.status().live())
          .ifPresent(s -> counts.merge(s.status().json(), 1L, Long::sum));
    }
  }
}
