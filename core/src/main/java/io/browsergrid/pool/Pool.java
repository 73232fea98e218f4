package io.browsergrid.pool;

import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.BrowserOptions;
import java.time.Instant;

/**
 * A warm pool's configuration.
 *
 * @param owner          the tenant that owns it, or {@link #SHARED} for the server-wide {@code default} pool
 * @param name           unique per owner
 * @param provider       the browser provider it runs on
 * @param minIdle        browsers kept started and unclaimed
 * @param maxSessions    live sessions on this pool at most (claimed and cold together)
 * @param browser        how its browsers are started; a create asking for other options starts cold
 * @param resources      CPU and memory per browser, for providers that size containers
 * @param maxIdleSeconds an idle browser older than this is retired and replaced
 * @param createdAt      when it was created
 */
public record Pool(String owner, String name, String provider, int minIdle, int maxSessions, BrowserOptions browser,
    Resources resources, int maxIdleSeconds, Instant createdAt) {
  /** The owner of the {@code default} pool, which every tenant may use and only the operator may change. */
  public static final String SHARED = "shared";
  public static final String DEFAULT = "default";

  /**
   * @param cpu      vCPUs per browser
   * @param memoryMb memory per browser
   */
  public record Resources(double cpu, int memoryMb) {
    public static final Resources DEFAULT = new Resources(1, 2048);
  }

  /** The {@code pool} label of the pools of every tenant but the operator's in metrics (summed under it). */
  public static final String OTHER_TENANTS_LABEL = "other-tenants";

  /**
   * The pool's {@code pool} label in metrics, which need no key by default: the shared pool by its name, the operator
   * tenant's pools as {@code default/name}, and every other tenant's pools together as {@link #OTHER_TENANTS_LABEL}, so
   * a scrape never shows one tenant another's tenant ids or pool names. Tenants see their own pools' counts through
   * {@code GET /v1/pools}.
   */
  public String metricsLabel() {
    if (SHARED.equals(owner)) {
      return name;
    }
    return Tenant.DEFAULT_ID.equals(owner) ? owner + "/" + name : OTHER_TENANTS_LABEL;
  }

  /** The store partition of this pool's browsers. */
  public String partition() {
    return "pool:" + owner + ":" + name;
  }
}
