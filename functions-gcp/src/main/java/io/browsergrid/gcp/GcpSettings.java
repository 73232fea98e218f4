package io.browsergrid.gcp;

import io.browsergrid.Variables;
import io.browsergrid.serverless.ServerlessSettings;
import java.util.function.Function;

/**
 * The Cloud Functions deployable's configuration, read from environment variables (secrets arrive the same way:
 * Cloud Functions puts Secret Manager versions into the environment).
 *
 * @param project            {@code BROWSERGRID_GCP_PROJECT}, the project of the database, the topic and the
 *                           browsers (required)
 * @param database           {@code BROWSERGRID_FIRESTORE_DATABASE}, default {@code (default)}
 * @param collection         {@code BROWSERGRID_FIRESTORE_COLLECTION}, the store's root collection, default
 *                           {@code browsergrid}
 * @param topic              {@code BROWSERGRID_PUBSUB_TOPIC}, the events topic's id (required)
 * @param firestoreEmulator  {@code FIRESTORE_EMULATOR_HOST}, {@code host:port} of an emulator, or null
 * @param pubsubEmulator     {@code PUBSUB_EMULATOR_HOST}, {@code host:port} of an emulator, or null
 * @param oidcCertificates   {@code BROWSERGRID_OIDC_CERTS_URL}, where invokers' token keys are, default Google's
 * @param shared             what every cloud reads ({@link ServerlessSettings}); {@code BROWSERGRID_PROVIDER} is
 *                           {@code cloudrun} (configured by {@link CloudRunVariables}) or {@code none};
 *                           {@code BROWSERGRID_MAX_STARTING} defaults to 10 services starting at once
 */
public record GcpSettings(String project, String database, String collection, String topic,
    String firestoreEmulator, String pubsubEmulator, String oidcCertificates, ServerlessSettings shared) {
  static final int DEFAULT_MAX_STARTING = 10;
  /** The container provider of this deployable. */
  static final String CLOUD_RUN = "cloudrun";

  /**
   * Reads the settings through {@code source}.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static GcpSettings from(Function<String, String> source) {
    Variables variables = new Variables(source);
    String project = variables.required("BROWSERGRID_GCP_PROJECT");
    String topic = variables.required("BROWSERGRID_PUBSUB_TOPIC");
    ServerlessSettings shared = ServerlessSettings.from(source, DEFAULT_MAX_STARTING);
    if (!shared.provider().equals(CLOUD_RUN) && shared.containers()) {
      throw new IllegalArgumentException("BROWSERGRID_PROVIDER must be none or cloudrun: " + shared.provider());
    }
    return new GcpSettings(project,
        variables.optional("BROWSERGRID_FIRESTORE_DATABASE").orElse("(default)"),
        variables.optional("BROWSERGRID_FIRESTORE_COLLECTION").orElse("browsergrid"),
        topic,
        variables.optional("FIRESTORE_EMULATOR_HOST").orElse(null),
        variables.optional("PUBSUB_EMULATOR_HOST").orElse(null),
        variables.optional("BROWSERGRID_OIDC_CERTS_URL").orElse(InvokerCheck.GOOGLE_CERTS),
        shared);
  }

  /**
   * The check of the one account that may call this function ({@code cleanup}, {@code deliverWebhooks}):
   * {@code BROWSERGRID_INVOKER_AUDIENCE} (the function's URL) and {@code BROWSERGRID_INVOKER_SERVICE_ACCOUNT}.
   *
   * @throws IllegalArgumentException when either is missing
   */
  public InvokerCheck invoker(Function<String, String> source) {
    Variables variables = new Variables(source);
    return new InvokerCheck(variables.required("BROWSERGRID_INVOKER_AUDIENCE"),
        variables.required("BROWSERGRID_INVOKER_SERVICE_ACCOUNT"), oidcCertificates);
  }

  @Override
  public String toString() {
    return "GcpSettings[project=" + project + ", database=" + database + ", collection=" + collection + ", topic="
        + topic + ", " + shared + "]";
  }
}
