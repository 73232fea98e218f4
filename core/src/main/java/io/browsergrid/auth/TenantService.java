package io.browsergrid.auth;

import io.browsergrid.problem.Refusal;
import io.browsergrid.store.Versioned;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/** Tenants, for the operator: create (with a first admin key), read, change the limits ({@code TenantRemoval} deletes). */
public final class TenantService {
  private final TenantRepository tenants;
  private final ApiKeyService keyService;
  private final SecureRandom random;
  private final Clock clock;

  public TenantService(TenantRepository tenants, ApiKeyService keyService, SecureRandom random, Clock clock) {
    this.tenants = tenants;
    this.keyService = keyService;
    this.random = random;
    this.clock = clock;
  }

  /**
   * A new tenant and its first admin key (shown once). 409 when the name is taken.
   *
   * @param limits its quotas, or null for {@link TenantLimits#DEFAULT}
   */
  public Created create(Principal caller, String name, int maxConcurrentSessions, TenantLimits limits) {
    Authenticator.require(caller, Role.OPERATOR);
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    Tenant tenant = new Tenant("t-" + HexFormat.of().formatHex(bytes), name, maxConcurrentSessions, clock.instant(),
        limits);
    if (!tenants.create(tenant)) {
      throw Refusal.conflict("a tenant named " + name + " exists already");
    }
    return new Created(tenant, keyService.issue(tenant.id(), "admin", Role.ADMIN).secret());
  }

  public List<Tenant> list(Principal caller) {
    Authenticator.require(caller, Role.OPERATOR);
    return tenants.all();
  }

  public Tenant get(Principal caller, String id) {
    Authenticator.require(caller, Role.OPERATOR);
    return tenants.get(id).map(Versioned::value).orElseThrow(() -> Refusal.notFound("tenant", id));
  }

  /**
   * Changes the limits; sessions, pools, webhooks and keys above a lowered limit stay, new ones are refused.
   *
   * @param maxConcurrentSessions the new one, or null to keep it
   * @param limits                changes the quotas: from the current ones to the new ones (a function, so a
   *                              partial change applies to what is stored at the time of the write)
   */
  public Tenant update(Principal caller, String id, Integer maxConcurrentSessions,
      java.util.function.UnaryOperator<TenantLimits> limits) {
    Authenticator.require(caller, Role.OPERATOR);
    for (int attempt = 0; attempt < 50; attempt++) {
      Versioned<Tenant> current = tenants.get(id).orElseThrow(() -> Refusal.notFound("tenant", id));
      Tenant t = current.value();
      Tenant next = new Tenant(t.id(), t.name(),
          maxConcurrentSessions == null ? t.maxConcurrentSessions() : maxConcurrentSessions, t.createdAt(),
          limits.apply(t.limits()));
      if (tenants.update(current, next).isPresent()) {
        return next;
      }
    }
    throw Refusal.unavailable("the tenant is changing too fast; try again", 1);
  }

  /** A new tenant and the secret of its first admin key. */
  public record Created(Tenant tenant, String adminKey) {}
}
