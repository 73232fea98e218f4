package io.browsergrid.auth;

import io.browsergrid.problem.Refusal;
import java.util.Optional;

/** Turns a presented API key into the {@link Principal} it acts as: one store read, hashes compared in constant time. */
public final class Authenticator {
  private final ApiKeyRepository keys;
  private final KeyHasher hasher;

  public Authenticator(ApiKeyRepository keys, KeyHasher hasher) {
    this.keys = keys;
    this.hasher = hasher;
  }

  /**
   * The principal for {@code presentedKey}.
   *
   * @throws Refusal unauthenticated when the key is missing or unknown
   */
  public Principal authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isBlank()) {
      throw Refusal.unauthenticated("an API key is needed: Authorization: Bearer <key> or X-API-Key");
    }
    if (presentedKey.length() > 256) {
      throw Refusal.unauthenticated("the API key is not known");
    }
    String hash = hasher.hash(presentedKey);
    Optional<ApiKey> key = keys.byHash(hash);
    if (key.isEmpty() || !hasher.sameHash(key.get().hash(), hash)) {
      throw Refusal.unauthenticated("the API key is not known");
    }
    return new Principal(key.get().tenantId(), key.get().role(), key.get().id());
  }

  /** 403 unless {@code caller}'s role covers {@code needed}. */
  public static void require(Principal caller, Role needed) {
    if (!caller.role().covers(needed)) {
      throw Refusal.forbidden("this needs the " + needed.json() + " role; the key has " + caller.role().json());
    }
  }
}
