package io.browsergrid.auth;

import io.browsergrid.problem.Refusal;
import java.time.Clock;
import java.util.List;

/** Issues, lists and revokes a tenant's keys. Admins only; a tenant never sees another's keys. */
public final class ApiKeyService {
  private final ApiKeyRepository keys;
  private final KeyHasher hasher;
  private final Clock clock;
  private final TenantRepository tenants;

  public ApiKeyService(ApiKeyRepository keys, KeyHasher hasher, Clock clock, TenantRepository tenants) {
    this.tenants = tenants;
    this.keys = keys;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** Issues a key of {@code role} for {@code tenantId}; the secret is in the answer only. */
  public IssuedKey issue(String tenantId, String name, Role role) {
    return issue(tenantId, name, role, Integer.MAX_VALUE);
  }

  private IssuedKey issue(String tenantId, String name, Role role, int limit) {
    String secret = hasher.newKey();
    String hash = hasher.hash(secret);
    ApiKey key = new ApiKey(hasher.idOf(hash), tenantId, name, role, hash, clock.instant());
    switch (keys.create(key, limit)) {
      case AT_LIMIT -> throw Refusal.quotaReached("maxApiKeys",
          "the tenant holds its maximum of " + limit + " API keys");
      case EXISTS -> throw new IllegalStateException("a fresh 256-bit key collided");
      default -> { }
    }
    return new IssuedKey(key, secret);
  }

  /**
   * Issues a key for the caller's tenant (admin only; operator keys are never issued here).
   *
   * @throws Refusal conflict naming {@code maxApiKeys} when the tenant holds as many keys as it may
   */
  public IssuedKey create(Principal caller, String name, Role role) {
    Authenticator.require(caller, Role.ADMIN);
    if (role == Role.OPERATOR) {
      throw Refusal.invalid("role", "must be admin or member");
    }
    int max = tenants.get(caller.tenantId()).map(t -> t.value().limits().maxApiKeys())
        .orElseThrow(() -> Refusal.unauthenticated("the key's tenant no longer exists"));
    return issue(caller.tenantId(), name, role, max);
  }

  /** The caller's tenant's keys (admin only). */
  public List<ApiKey> list(Principal caller) {
    Authenticator.require(caller, Role.ADMIN);
    return keys.ofTenant(caller.tenantId());
  }

  /** Revokes one of the caller's tenant's keys (admin only); 404 for another tenant's. */
  public void revoke(Principal caller, String id) {
    Authenticator.require(caller, Role.ADMIN);
    ApiKey key = keys.byId(id).filter(k -> k.tenantId().equals(caller.tenantId()))
        .orElseThrow(() -> Refusal.notFound("API key", id));
    if (key.role() == Role.OPERATOR) {
      throw Refusal.conflict("the operator key is revoked by changing BROWSERGRID_API_KEY, not here");
    }
    keys.delete(key);
  }
}
