package io.browsergrid.auth;

import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Versioned;
import io.browsergrid.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tenants in partition {@code tenants}: {@code tenant:<id>} and a {@code name:<name>} claim written with it. */
public final class TenantRepository {
  private static final String PARTITION = "tenants";
  private static final String TENANT = "tenant:";
  private static final String NAME = "name:";

  private final KeyValueStore store;
  private final JsonCodec json;

  public TenantRepository(KeyValueStore store, JsonCodec json) {
    this.store = store;
    this.json = json;
  }

  public Optional<Versioned<Tenant>> get(String id) {
    return store.get(PARTITION, TENANT + id).map(this::decode);
  }

  /** Creates {@code tenant}; false when its name or id is taken. */
  public boolean create(Tenant tenant) {
    try {
      store.write(PARTITION, List.of(
          Write.create(TENANT + tenant.id(), json.encode(tenant), null),
          Write.create(NAME + tenant.name(), json.encode(new NameClaim(tenant.id())), null)));
      return true;
    } catch (ConditionFailedException taken) {
      return false;
    }
  }

  /** Replaces the tenant read as {@code current}; empty when it changed meanwhile. */
  public Optional<Versioned<Tenant>> update(Versioned<Tenant> current, Tenant next) {
    return store.compareAndSet(current.item(), json.encode(next), null).map(item -> new Versioned<>(next, item));
  }

  /** Removes the tenant and its name claim. Idempotent. */
  public void delete(Tenant tenant) {
    store.write(PARTITION, List.of(
        new Write.Delete(TENANT + tenant.id(), Write.Condition.any()),
        new Write.Delete(NAME + tenant.name(), Write.Condition.any())));
  }

  /** Every tenant, in id order. */
  public List<Tenant> all() {
    List<Tenant> tenants = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store.query(PARTITION, TENANT, cursor, 500);
      page.items().forEach(item -> tenants.add(json.decode(item, Tenant.class)));
      cursor = page.nextCursor();
    } while (cursor != null);
    return tenants;
  }

  private Versioned<Tenant> decode(Item item) {
    return new Versioned<>(json.decode(item, Tenant.class), item);
  }

  /** Which tenant holds a name. */
  record NameClaim(String tenantId) {}
}
