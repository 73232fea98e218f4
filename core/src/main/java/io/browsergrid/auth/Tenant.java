package io.browsergrid.auth;

import io.browsergrid.store.Keys;
import java.time.Instant;

/**
 * A tenant (a project): the owner of sessions, keys, pools and webhooks, and the store partition they live in.
 *
 * @param id                    opaque, a valid store key
 * @param name                  unique, 1..63 of {@code [a-z0-9-]}
 * @param maxConcurrentSessions live sessions this tenant may hold at once
 * @param createdAt             when it was created
 * @param limits                its quotas on everything else; records written before quotas read as the defaults
 */
public record Tenant(String id, String name, int maxConcurrentSessions, Instant createdAt, TenantLimits limits) {
  public Tenant {
    if (limits == null) {
      limits = DEFAULT_ID.equals(id) ? TenantLimits.OPERATOR : TenantLimits.DEFAULT;
    }
  }

  /** A tenant with the default limits of its kind. */
  public Tenant(String id, String name, int maxConcurrentSessions, Instant createdAt) {
    this(id, name, maxConcurrentSessions, createdAt, null);
  }

  /** The built-in tenant the operator key administers. */
  public static final String DEFAULT_ID = "default";

  /** The store partition holding everything of tenant {@code id}. */
  public static String partition(String id) {
    return Keys.tenantPartition(id);
  }
}
