package io.browsergrid.auth;

import io.browsergrid.problem.ProblemException;
import io.browsergrid.session.EndReason;
import io.browsergrid.session.Occupancy;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionService;
import io.browsergrid.store.Versioned;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/** Tenants, for the operator: create (with a first admin key), read, change the limit, delete. */
public final class TenantService {
  private final TenantRepository tenants;
  private final ApiKeyRepository keys;
  private final ApiKeyService keyService;
  private final SessionRepository sessions;
  private final SessionService sessionService;
  private final SecureRandom random;
  private final Clock clock;

  public TenantService(TenantRepository tenants, ApiKeyRepository keys, ApiKeyService keyService,
      SessionRepository sessions, SessionService sessionService, SecureRandom random, Clock clock) {
    this.tenants = tenants;
    this.keys = keys;
    this.keyService = keyService;
    this.sessions = sessions;
    this.sessionService = sessionService;
    this.random = random;
    this.clock = clock;
  }

  /** A new tenant and its first admin key (shown once). 409 when the name is taken. */
  public Created create(Principal caller, String name, int maxConcurrentSessions) {
    Authenticator.require(caller, Role.OPERATOR);
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    Tenant tenant = new Tenant("t-" + HexFormat.of().formatHex(bytes), name, maxConcurrentSessions, clock.instant());
    if (!tenants.create(tenant)) {
      throw ProblemException.conflict("a tenant named " + name + " exists already");
    }
    return new Created(tenant, keyService.issue(tenant.id(), "admin", Role.ADMIN).secret());
  }

  public List<Tenant> list(Principal caller) {
    Authenticator.require(caller, Role.OPERATOR);
    return tenants.all();
  }

  public Tenant get(Principal caller, String id) {
    Authenticator.require(caller, Role.OPERATOR);
    return tenants.get(id).map(Versioned::value).orElseThrow(() -> ProblemException.notFound("tenant", id));
  }

  /** Changes the concurrency limit; sessions above a lowered limit run on, new ones wait. */
  public Tenant update(Principal caller, String id, Integer maxConcurrentSessions) {
    Authenticator.require(caller, Role.OPERATOR);
    for (int attempt = 0; attempt < 50; attempt++) {
      Versioned<Tenant> current = tenants.get(id).orElseThrow(() -> ProblemException.notFound("tenant", id));
      Tenant t = current.value();
      Tenant next = new Tenant(t.id(), t.name(),
          maxConcurrentSessions == null ? t.maxConcurrentSessions() : maxConcurrentSessions, t.createdAt());
      if (tenants.update(current, next).isPresent()) {
        return next;
      }
    }
    throw ProblemException.unavailable("the tenant is changing too fast; try again", 1);
  }

  /** Deletes a tenant: ends its sessions, revokes its keys, removes it. 409 for the built-in tenant. */
  public void delete(Principal caller, String id) {
    Tenant tenant = get(caller, id);
    if (Tenant.DEFAULT_ID.equals(tenant.id())) {
      throw ProblemException.conflict("the built-in tenant default cannot be deleted");
    }
    tenants.delete(tenant);
    Versioned<Occupancy> occupancy = sessions.occupancy(id);
    if (occupancy != null) {
      occupancy.value().holders().keySet()
          .forEach(sessionId -> sessionService.end(id, sessionId, EndReason.CLEANUP, "its tenant was deleted"));
    }
    keys.ofTenant(id).forEach(keys::delete);
  }

  /** A new tenant and the secret of its first admin key. */
  public record Created(Tenant tenant, String adminKey) {}
}
