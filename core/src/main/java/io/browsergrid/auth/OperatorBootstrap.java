package io.browsergrid.auth;

import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes a fresh deployment usable and secure: the built-in tenant {@code default} exists, and exactly one operator
 * key works, either the configured one or, when none is configured, one generated on the first start (its secret
 * returned once to print, only its hash kept). Idempotent: run at every start.
 */
public final class OperatorBootstrap {
  private static final String PARTITION = "server";
  private static final String MARKER = "operator";

  private final KeyValueStore store;
  private final JsonCodec json;
  private final TenantRepository tenants;
  private final ApiKeyRepository keys;
  private final KeyHasher hasher;
  private final Clock clock;

  public OperatorBootstrap(KeyValueStore store, JsonCodec json, TenantRepository tenants, ApiKeyRepository keys,
      KeyHasher hasher, Clock clock) {
    this.store = store;
    this.json = json;
    this.tenants = tenants;
    this.keys = keys;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Ensures tenant {@code default} (with {@code defaultLimit}) and the operator key.
   *
   * @param configuredKey the operator key from configuration, or empty
   * @return the generated operator key when one was made now (print it once), else empty
   */
  public Optional<String> ensure(Optional<String> configuredKey, int defaultLimit) {
    tenants.create(new Tenant(Tenant.DEFAULT_ID, Tenant.DEFAULT_ID, defaultLimit, clock.instant()));
    Optional<Item> marker = store.get(PARTITION, MARKER);
    Optional<String> current = marker.map(item -> json.decode(item, Marker.class).hash());
    if (configuredKey.isPresent()) {
      String hash = hasher.hash(configuredKey.get());
      if (current.isPresent() && current.get().equals(hash)) {
        return Optional.empty();
      }
      install(hash, marker, current);
      return Optional.empty();
    }
    if (current.isPresent()) {
      return Optional.empty();
    }
    String secret = hasher.newKey();
    install(hasher.hash(secret), marker, current);
    return Optional.of(secret);
  }

  private void install(String hash, Optional<Item> marker, Optional<String> previousHash) {
    keys.create(new ApiKey(hasher.idOf(hash), Tenant.DEFAULT_ID, "operator", Role.OPERATOR, hash, clock.instant()),
        Integer.MAX_VALUE);
    String data = json.encode(new Marker(hash));
    if (marker.isPresent()) {
      store.compareAndSet(marker.get(), data, null)
          .orElseThrow(() -> new IllegalStateException("the operator key changed during start; start again"));
    } else if (store.putIfAbsent(PARTITION, MARKER, data, null).isEmpty()) {
      throw new IllegalStateException("the operator key changed during start; start again");
    }
    previousHash.flatMap(keys::byHash).ifPresent(keys::delete);
  }

  /** Which key is the operator's now. */
  record Marker(String hash) {}
}
