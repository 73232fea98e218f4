package io.browsergrid.auth;

/**
 * What a tenant may make the deployment hold beyond its live sessions ({@link Tenant#maxConcurrentSessions}).
 * Reaching one answers 429 (creates per minute) or 409 naming the limit (the rest); lowering one below what exists
 * removes nothing, it only refuses more.
 *
 * @param maxWarmBrowsers      the sum of the {@code minIdle} of the tenant's own pools
 * @param maxPools             pools the tenant owns
 * @param maxWebhooks          webhook subscriptions
 * @param maxApiKeys           API keys, the first admin key included
 * @param maxSessionsPerMinute session creates in one minute of the clock
 */
public record TenantLimits(int maxWarmBrowsers, int maxPools, int maxWebhooks, int maxApiKeys,
    int maxSessionsPerMinute) {
  /** What a new tenant gets unless the operator says otherwise. */
  public static final TenantLimits DEFAULT = new TenantLimits(10, 10, 10, 25, 600);
  /** The built-in tenant's: the operator's own, which benchmarks and operations drive hardest. */
  public static final TenantLimits OPERATOR = new TenantLimits(100, 100, 100, 100, 100_000);

  /** @throws IllegalArgumentException when a limit is negative, or keys or creates per minute are below 1 */
  public TenantLimits {
    if (maxWarmBrowsers < 0 || maxPools < 0 || maxWebhooks < 0 || maxApiKeys < 1 || maxSessionsPerMinute < 1) {
      throw new IllegalArgumentException("limits must be at least 0 (keys and creates per minute at least 1)");
    }
  }
}
