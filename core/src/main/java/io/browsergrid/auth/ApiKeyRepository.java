package io.browsergrid.auth;

import io.browsergrid.store.CountedItems;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keys in partition {@code keys}, under {@code key:<sha256 hex>}: authentication is one read. A key's public id is a
 * prefix of its hash, so revoking by id is a prefix query. Listing a tenant's keys reads all keys (fine for the
 * hundreds a deployment has).
 */
public final class ApiKeyRepository {
  private static final String PARTITION = "keys";
  private static final String KEY = "key:";

  private final KeyValueStore store;
  private final JsonCodec json;

  public ApiKeyRepository(KeyValueStore store, JsonCodec json) {
    this.store = store;
    this.json = json;
  }

  private CountedItems countOf(String tenantId) {
    return new CountedItems(store, json, "keys:" + tenantId);
  }

  /** The key with this hash. */
  public Optional<ApiKey> byHash(String hash) {
    return store.get(PARTITION, KEY + hash).map(item -> json.decode(item, ApiKey.class));
  }

  /**
   * Stores a new key unless its hash exists or its tenant holds {@code limit} keys already; the tenant's key count is
   * written with it, so racing creates cannot pass the limit.
   */
  public CountedItems.Outcome create(ApiKey key, int limit) {
    return countOf(key.tenantId()).create(PARTITION, KEY + key.hash(), json.encode(key), limit,
        () -> ofTenant(key.tenantId()).size());
  }

  /** The key with public id {@code id} (its hash prefix). */
  public Optional<ApiKey> byId(String id) {
    if (!id.startsWith("key_") || id.length() != 20) {
      return Optional.empty();
    }
    return store.query(PARTITION, KEY + id.substring(4), null, 2).items().stream()
        .map(item -> json.decode(item, ApiKey.class))
        .filter(k -> k.id().equals(id))
        .findFirst();
  }

  /** Removes a key and counts it out. Idempotent. */
  public void delete(ApiKey key) {
    countOf(key.tenantId()).delete(PARTITION, KEY + key.hash(), () -> ofTenant(key.tenantId()).size());
  }

  /** Every key of {@code tenantId}. */
  public List<ApiKey> ofTenant(String tenantId) {
    List<ApiKey> keys = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store.query(PARTITION, KEY, cursor, 500);
      page.items().stream().map(item -> json.decode(item, ApiKey.class))
          .filter(k -> k.tenantId().equals(tenantId)).forEach(keys::add);
      cursor = page.nextCursor();
    } while (cursor != null);
    return keys;
  }
}
