package io.browsergrid.serverless;

import io.browsergrid.CoreSettings;
import io.browsergrid.Variables;
import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.api.PublicUrls;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * What every cloud deployable reads from the same {@code BROWSERGRID_*} variables, with one strictness
 * ({@link Variables}); a cloud's own settings (its table, its queue) sit beside these.
 *
 * @param publicUrl           {@code BROWSERGRID_PUBLIC_URL}, the API's base URL as clients reach it (required), no
 *                            trailing slash
 * @param secretKey           {@code BROWSERGRID_SECRET_KEY}, base64 of at least 32 bytes (required); the same in every
 *                            function, since CDP tokens and webhook-secret encryption derive from it
 * @param apiKey              {@code BROWSERGRID_API_KEY}, the operator key (required: a generated one could be shown
 *                            to nobody)
 * @param provider            {@code BROWSERGRID_PROVIDER}: the cloud's container provider, or {@code none} (the
 *                            default), which refuses every browser start
 * @param maxSessions         {@code BROWSERGRID_MAX_SESSIONS}, default 100
 * @param startTimeout        {@code BROWSERGRID_START_TIMEOUT_SECONDS}, default 60
 * @param metricsNeedKey      {@code BROWSERGRID_METRICS_REQUIRE_KEY}, default true
 * @param webhookAllowPrivate {@code BROWSERGRID_WEBHOOK_ALLOW_PRIVATE}, default false
 * @param defaultPoolMinIdle  {@code BROWSERGRID_DEFAULT_POOL_MIN_IDLE}, warm browsers of the {@code default} pool
 * @param admission           {@code BROWSERGRID_MAX_STARTING} and {@code BROWSERGRID_MAX_QUEUE_SECONDS}
 * @param deliveriesPerTenant {@code BROWSERGRID_WEBHOOK_TENANT_CONCURRENCY}, default 4: webhook delivery runs of one
 *                            tenant at once across every instance, so one tenant's slow receivers never hold them all
 */
public record ServerlessSettings(String publicUrl, byte[] secretKey, String apiKey, String provider, int maxSessions,
    Duration startTimeout, boolean metricsNeedKey, boolean webhookAllowPrivate, OptionalInt defaultPoolMinIdle,
    AdmissionSettings admission, int deliveriesPerTenant) {
  /** The provider that runs no browser. */
  public static final String NO_PROVIDER = "none";
  /** Delivery runs of one tenant at once unless told otherwise. */
  public static final int DEFAULT_DELIVERIES_PER_TENANT = 4;

  /**
   * Reads the settings through {@code source} (the environment, or anything that answers like it).
   *
   * @param defaultMaxStarting containers starting at once unless {@code BROWSERGRID_MAX_STARTING} says otherwise
   *                           (they start on the cloud's machines, not the function's cores)
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static ServerlessSettings from(Function<String, String> source, int defaultMaxStarting) {
    Variables variables = new Variables(source);
    String publicUrl = variables.required("BROWSERGRID_PUBLIC_URL");
    if (!publicUrl.startsWith("https://") && !publicUrl.startsWith("http://")) {
      throw new IllegalArgumentException("BROWSERGRID_PUBLIC_URL must be an http(s) URL: " + publicUrl);
    }
    return new ServerlessSettings(
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
        variables.secretKey().orElseThrow(() -> new IllegalArgumentException("BROWSERGRID_SECRET_KEY is not set")),
        variables.required("BROWSERGRID_API_KEY"),
        variables.optional("BROWSERGRID_PROVIDER").orElse(NO_PROVIDER),
        variables.integer("BROWSERGRID_MAX_SESSIONS", 100, 1, 100_000),
        variables.startTimeout(),
        variables.bool("BROWSERGRID_METRICS_REQUIRE_KEY", true),
        variables.bool("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", false),
        variables.defaultPoolMinIdle(),
        variables.admission(defaultMaxStarting),
        variables.integer("BROWSERGRID_WEBHOOK_TENANT_CONCURRENCY", DEFAULT_DELIVERIES_PER_TENANT, 1, 1000));
  }

  /** True when a container provider is named: each browser's agent then serves its CDP inside its container. */
  public boolean containers() {
    return !NO_PROVIDER.equals(provider);
  }

  /** What the core needs of these settings. */
  public CoreSettings core() {
    PublicUrls urls = new PublicUrls(publicUrl, publicUrl.replaceFirst("^http", "ws"));
    return new CoreSettings(maxSessions, urls, secretKey, startTimeout, metricsNeedKey, webhookAllowPrivate,
        defaultPoolMinIdle, containers(), containers() ? "container" : "bubblewrap", admission);
  }

  @Override
  public String toString() {
    return "ServerlessSettings[publicUrl=" + publicUrl + ", provider=" + provider + ", maxSessions=" + maxSessions
        + ", startTimeout=" + startTimeout + "]";
  }
}
