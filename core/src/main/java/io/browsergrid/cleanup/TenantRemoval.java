package io.browsergrid.cleanup;

import io.browsergrid.auth.ApiKeyRepository;
import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Role;
import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.pool.PoolService;
import io.browsergrid.problem.Refusal;
import io.browsergrid.session.EndReason;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionService;
import io.browsergrid.store.Versioned;
import io.browsergrid.webhook.WebhookRepository;

/**
 * {@code DELETE /v1/tenants/{id}}: takes away everything the tenant makes the deployment hold, in an order that is
 * safe to stop anywhere and run again. Its keys go first (from then on none of them works), then its sessions end,
 * its pools are drained and removed, its webhooks removed, and the tenant record goes last, so a deletion that failed
 * halfway is finished by calling it again.
 */
public final class TenantRemoval {
  private final TenantRepository tenants;
  private final ApiKeyRepository keys;
  private final SessionRepository sessions;
  private final SessionService sessionService;
  private final PoolService pools;
  private final WebhookRepository hooks;

  public TenantRemoval(TenantRepository tenants, ApiKeyRepository keys, SessionRepository sessions,
      SessionService sessionService, PoolService pools, WebhookRepository hooks) {
    this.tenants = tenants;
    this.keys = keys;
    this.sessions = sessions;
    this.sessionService = sessionService;
    this.pools = pools;
    this.hooks = hooks;
  }

  /**
   * Removes tenant {@code id} and all it holds. Idempotent until it has succeeded once; then 404.
   *
   * @throws Refusal forbidden unless the caller is the operator, not found for an unknown tenant, conflict for the
   *                 built-in one
   */
  public void remove(Principal caller, String id) {
    Authenticator.require(caller, Role.OPERATOR);
    Tenant tenant = tenants.get(id).map(Versioned::value).orElseThrow(() -> Refusal.notFound("tenant", id));
    if (Tenant.DEFAULT_ID.equals(tenant.id())) {
      throw Refusal.conflict("the built-in tenant default cannot be deleted");
    }
    keys.ofTenant(id).forEach(keys::delete);
    sessions.liveIds(id)
        .forEach(sessionId -> sessionService.end(id, sessionId, EndReason.CLEANUP, "its tenant was deleted"));
    pools.removeAllOf(id);
    hooks.all(id).forEach(hook -> hooks.delete(id, hook.id()));
    tenants.delete(tenant);
  }
}
