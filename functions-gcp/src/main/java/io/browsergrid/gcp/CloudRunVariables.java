package io.browsergrid.gcp;

import io.browsergrid.Variables;
import io.browsergrid.browser.cloudrun.CloudRunSettings;
import java.time.Duration;
import java.util.function.Function;

/**
 * Reads {@link CloudRunSettings} from environment variables, for {@code BROWSERGRID_PROVIDER=cloudrun}:
 * {@code BROWSERGRID_GCP_PROJECT}, {@code BROWSERGRID_CLOUD_RUN_REGION}, {@code BROWSERGRID_CLOUD_RUN_IMAGE},
 * {@code BROWSERGRID_CLOUD_RUN_SERVICE_ACCOUNT} and {@code BROWSERGRID_AGENT_CALLBACK_URL} (the {@code agentEvents}
 * function's URL) are required; {@code BROWSERGRID_GCP_PROJECT_NUMBER}, {@code BROWSERGRID_CLOUD_RUN_DEPLOYMENT}
 * (default {@code browsergrid}), {@code BROWSERGRID_AGENT_PORT} (8080), {@code BROWSERGRID_CLOUD_RUN_CPU} (2),
 * {@code BROWSERGRID_CLOUD_RUN_MEMORY} (2Gi), {@code BROWSERGRID_CLOUD_RUN_TIMEOUT_MINUTES} (60) and
 * {@code BROWSERGRID_CLOUD_RUN_CONCURRENCY} (80) are optional. {@code BROWSERGRID_CLOUD_RUN_ENDPOINT} points the
 * client at another Run Admin API ({@code http(s)://host:port}; a local one in tests).
 */
public final class CloudRunVariables {
  private CloudRunVariables() {}

  /**
   * The settings {@code source} describes.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static CloudRunSettings from(Function<String, String> source) {
    Variables variables = new Variables(source);
    return new CloudRunSettings(
        variables.required("BROWSERGRID_GCP_PROJECT"),
        variables.optional("BROWSERGRID_GCP_PROJECT_NUMBER").orElse(null),
        variables.required("BROWSERGRID_CLOUD_RUN_REGION"),
        variables.required("BROWSERGRID_CLOUD_RUN_IMAGE"),
        variables.required("BROWSERGRID_CLOUD_RUN_SERVICE_ACCOUNT"),
        variables.optional("BROWSERGRID_CLOUD_RUN_DEPLOYMENT").orElse("browsergrid"),
        variables.integer("BROWSERGRID_AGENT_PORT", 8080, 1, 65535),
        variables.required("BROWSERGRID_AGENT_CALLBACK_URL"),
        variables.optional("BROWSERGRID_CLOUD_RUN_CPU").orElse("2"),
        variables.optional("BROWSERGRID_CLOUD_RUN_MEMORY").orElse("2Gi"),
        Duration.ofMinutes(variables.integer("BROWSERGRID_CLOUD_RUN_TIMEOUT_MINUTES", 60, 1, 60)),
        variables.integer("BROWSERGRID_CLOUD_RUN_CONCURRENCY", 80, 1, 1000));
  }

  /** {@code BROWSERGRID_CLOUD_RUN_ENDPOINT}, or null for Google's. */
  public static String endpoint(Function<String, String> source) {
    return new Variables(source).optional("BROWSERGRID_CLOUD_RUN_ENDPOINT").orElse(null);
  }
}
