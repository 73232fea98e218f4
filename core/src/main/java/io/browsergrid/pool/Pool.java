package io.browsergrid.pool;

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

  /** The store partition of this pool's browsers. */
  public String partition() {
    return "pool:" + owner + ":" + name;
  }
}
