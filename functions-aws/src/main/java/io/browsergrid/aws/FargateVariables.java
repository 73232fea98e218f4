package io.browsergrid.aws;

import io.browsergrid.Variables;
import io.browsergrid.browser.fargate.FargateSettings;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads {@link FargateSettings} from environment variables, for {@code BROWSERGRID_PROVIDER=fargate}:
 * {@code BROWSERGRID_ECS_CLUSTER}, {@code BROWSERGRID_ECS_TASK_DEFINITION}, {@code BROWSERGRID_ECS_SUBNETS}
 * (comma-separated) and {@code BROWSERGRID_AGENT_CALLBACK_URL} (the {@code agentEvents} function's URL) are required;
 * {@code BROWSERGRID_ECS_CONTAINER} (default {@code browser}), {@code BROWSERGRID_ECS_SECURITY_GROUPS}
 * (comma-separated), {@code BROWSERGRID_ECS_ASSIGN_PUBLIC_IP} and {@code BROWSERGRID_ECS_USE_PUBLIC_IP} (default
 * false), {@code BROWSERGRID_ECS_CAPACITY} ({@code FARGATE}, the default, or {@code FARGATE_SPOT}),
 * {@code BROWSERGRID_ECS_STARTED_BY} (default {@code browsergrid}), {@code BROWSERGRID_AGENT_PORT} (default 8443, as the image) and
 * {@code BROWSERGRID_ECS_REQUIRE_HEALTHY} (default false) are optional.
 */
public final class FargateVariables {
  private FargateVariables() {}

  /**
   * The settings {@code source} describes.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   */
  public static FargateSettings from(Function<String, String> source) {
    Variables variables = new Variables(source);
    String capacity = variables.optional("BROWSERGRID_ECS_CAPACITY").orElse("FARGATE").toUpperCase(Locale.ROOT);
    if (!capacity.equals("FARGATE") && !capacity.equals("FARGATE_SPOT")) {
      throw new IllegalArgumentException("BROWSERGRID_ECS_CAPACITY must be FARGATE or FARGATE_SPOT: " + capacity);
    }
    if (variables.list("BROWSERGRID_ECS_SUBNETS").isEmpty()) {
      throw new IllegalArgumentException("BROWSERGRID_ECS_SUBNETS is not set");
    }
    return new FargateSettings(
        variables.required("BROWSERGRID_ECS_CLUSTER"),
        variables.required("BROWSERGRID_ECS_TASK_DEFINITION"),
        variables.optional("BROWSERGRID_ECS_CONTAINER").orElse("browser"),
        variables.list("BROWSERGRID_ECS_SUBNETS"),
        variables.list("BROWSERGRID_ECS_SECURITY_GROUPS"),
        variables.bool("BROWSERGRID_ECS_ASSIGN_PUBLIC_IP", false),
        FargateSettings.Capacity.valueOf(capacity),
        variables.optional("BROWSERGRID_ECS_STARTED_BY").orElse("browsergrid"),
        variables.integer("BROWSERGRID_AGENT_PORT", 8443, 1, 65535),
        variables.required("BROWSERGRID_AGENT_CALLBACK_URL"),
        variables.bool("BROWSERGRID_ECS_USE_PUBLIC_IP", false),
        variables.bool("BROWSERGRID_ECS_REQUIRE_HEALTHY", false));
  }
}
