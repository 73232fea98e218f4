package io.browsergrid.aws;

import io.browsergrid.CoreSettings;
import io.browsergrid.Variables;
import io.browsergrid.serverless.ServerlessSettings;
import java.util.function.Function;

/**
 * The Lambda deployable's configuration, read from environment variables (the AWS SDK reads its own:
 * {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}, ...).
 *
 * @param table    {@code BROWSERGRID_TABLE}, the DynamoDB table (required)
 * @param queueUrl {@code BROWSERGRID_QUEUE_URL}, the SQS queue of webhook events (required)
 * @param shared   what every cloud reads ({@link ServerlessSettings}); {@code BROWSERGRID_PROVIDER} is {@code fargate}
 *                 (configured by {@link FargateVariables}) or {@code none}; {@code BROWSERGRID_MAX_STARTING} defaults
 *                 to 10 Fargate tasks starting at once, across every function instance
 */
public record AwsSettings(String table, String queueUrl, ServerlessSettings shared) {
  /** Fargate tasks starting at once by default: they start on AWS's machines, not this one's cores. */
  static final int DEFAULT_MAX_STARTING = 10;
  /** The container provider of this deployable. */
  static final String FARGATE = "fargate";

  /**
   * Reads the settings through {@code source} (the environment, or anything that answers like it).
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static AwsSettings from(Function<String, String> source) {
    Variables variables = new Variables(source);
    String table = variables.required("BROWSERGRID_TABLE");
    String queueUrl = variables.required("BROWSERGRID_QUEUE_URL");
    ServerlessSettings shared = ServerlessSettings.from(source, DEFAULT_MAX_STARTING);
    if (!shared.provider().equals(FARGATE) && shared.containers()) {
      throw new IllegalArgumentException("BROWSERGRID_PROVIDER must be none or fargate: " + shared.provider());
    }
    return new AwsSettings(table, queueUrl, shared);
  }

  /** What the core needs of these settings. */
  public CoreSettings core() {
    return shared.core();
  }

  @Override
  public String toString() {
    return "AwsSettings[table=" + table + ", queueUrl=" + queueUrl + ", " + shared + "]";
  }
}
