package io.browsergrid.aws;

import io.browsergrid.CoreSettings;
import io.browsergrid.Variables;
import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.api.PublicUrls;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The Lambda deployable's configuration, read from environment variables (the AWS SDK reads its own:
 * {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}, ...).
 *
 * @param table               {@code BROWSERGRID_TABLE}, the DynamoDB table (required)
 * @param queueUrl            {@code BROWSERGRID_QUEUE_URL}, the SQS queue of webhook events (required)
 * @param publicUrl           {@code BROWSERGRID_PUBLIC_URL}, the API's base URL as clients reach it (required)
 * @param secretKey           {@code BROWSERGRID_SECRET_KEY}, base64 of at least 32 bytes (required); the same in every
 *                            function, since CDP tokens and webhook-secret encryption derive from it
 * @param apiKey              {@code BROWSERGRID_API_KEY}, the operator key (required: a generated one could be shown
 *                            to nobody)
 * @param provider            {@code BROWSERGRID_PROVIDER}: {@code fargate} (configured by {@link FargateVariables}),
 *                            or {@code none} (the default), which refuses every browser start
 * @param maxSessions         {@code BROWSERGRID_MAX_SESSIONS}, default 100
 * @param startTimeout        {@code BROWSERGRID_START_TIMEOUT_SECONDS}, default 60
 * @param metricsNeedKey      {@code BROWSERGRID_METRICS_REQUIRE_KEY}, default true
 * @param webhookAllowPrivate {@code BROWSERGRID_WEBHOOK_ALLOW_PRIVATE}, default false
 * @param defaultPoolMinIdle  {@code BROWSERGRID_DEFAULT_POOL_MIN_IDLE}, warm browsers of the {@code default} pool
 * @param admission           {@code BROWSERGRID_MAX_STARTING} (default 10 Fargate tasks starting at once, across every
 *                            function instance) and {@code BROWSERGRID_MAX_QUEUE_SECONDS} (default 30)
 */
public record AwsSettings(String table, String queueUrl, String publicUrl, byte[] secretKey, String apiKey,
    String provider, int maxSessions, Duration startTimeout, boolean metricsNeedKey, boolean webhookAllowPrivate,
    OptionalInt defaultPoolMinIdle, AdmissionSettings admission) {
  /** Fargate tasks starting at once by default: they start on AWS's machines, not this one's cores. */
  static final int DEFAULT_MAX_STARTING = 10;

  /**
   * Reads the settings through {@code source} (the environment, or anything that answers like it).
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static AwsSettings from(Function<String, String> source) {
    Variables variables = new Variables(source);
    String publicUrl = variables.required("BROWSERGRID_PUBLIC_URL");
    if (!publicUrl.startsWith("https://") && !publicUrl.startsWith("http://")) {
      throw new IllegalArgumentException("BROWSERGRID_PUBLIC_URL must be an http(s) URL: " + publicUrl);
    }
    return new AwsSettings(
        variables.required("BROWSERGRID_TABLE"),
        variables.required("BROWSERGRID_QUEUE_URL"),
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
        variables.secretKey().orElseThrow(() -> new IllegalArgumentException("BROWSERGRID_SECRET_KEY is not set")),
        variables.required("BROWSERGRID_API_KEY"),
        variables.optional("BROWSERGRID_PROVIDER").orElse("none"),
        variables.integer("BROWSERGRID_MAX_SESSIONS", 100, 1, 100_000),
        variables.startTimeout(),
        variables.bool("BROWSERGRID_METRICS_REQUIRE_KEY", true),
        variables.bool("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", false),
        variables.defaultPoolMinIdle(),
        variables.admission(DEFAULT_MAX_STARTING));
  }

  /** What the core needs of these settings. */
  public CoreSettings core() {
    PublicUrls urls = new PublicUrls(publicUrl, publicUrl.replaceFirst("^http", "ws"));
    return new CoreSettings(maxSessions, urls, secretKey, startTimeout, metricsNeedKey, webhookAllowPrivate,
        defaultPoolMinIdle, "fargate".equals(provider), "fargate".equals(provider) ? "container" : "bubblewrap",
        admission);
  }

  @Override
  public String toString() {
    return "AwsSettings[table=" + table + ", queueUrl=" + queueUrl + ", publicUrl=" + publicUrl + ", provider="
        + provider + ", maxSessions=" + maxSessions + ", startTimeout=" + startTimeout + "]";
  }
}
