package io.browsergrid.browser.fargate;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link FargateBrowserProvider} runs browser tasks. The constructor checks every field and throws
 * {@link IllegalArgumentException} naming the first one that ECS would refuse, so a bad deployment fails at start-up
 * rather than on the first session.
 *
 * @param cluster          the ECS cluster's name or ARN
 * @param taskDefinition   the browser task definition ({@code family}, {@code family:revision} or its ARN)
 * @param containerName    the container in that task definition that runs the agent
 * @param subnets          awsvpc subnets (1 to 16); several availability zones give ECS more capacity to choose from
 * @param securityGroups   awsvpc security groups (0 to 5; none means the VPC's default group)
 * @param assignPublicIp   give each task's network interface a public IP
 * @param capacity         the Fargate capacity provider to launch on
 * @param startedBy        marks this deployment's tasks ({@code startedBy} and a tag); what {@code list()} filters on
 * @param agentPort        the port the agent serves TLS and CDP on
 * @param callbackUrlBase  where agents report back; each browser's callback URL is this plus
 *                         {@code /<browserId>} (URL-encoded)
 * @param usePublicIp      hand clients the task's public IP (needs {@code assignPublicIp}), else its private IP
 * @param requireHealthy   the container has a health check in the task definition: a browser is running only once
 *                         ECS reports it {@code HEALTHY}, not as soon as the container runs
 */
public record FargateSettings(String cluster, String taskDefinition, String containerName, List<String> subnets,
    List<String> securityGroups, boolean assignPublicIp, Capacity capacity, String startedBy, int agentPort,
    String callbackUrlBase, boolean usePublicIp, boolean requireHealthy) {

  /** ECS's own limits on {@code startedBy}. */
  private static final Pattern STARTED_BY = Pattern.compile("[A-Za-z0-9_/-]{1,36}");

  /** The two capacity providers every Fargate cluster can use. */
  public enum Capacity {
    FARGATE,
    /** Cheaper, and ECS may take it back with two minutes' notice. */
    FARGATE_SPOT
  }

  public FargateSettings {
    requireText(cluster, "cluster");
    requireText(taskDefinition, "taskDefinition");
    requireText(containerName, "containerName");
    subnets = List.copyOf(Objects.requireNonNull(subnets, "subnets"));
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    Objects.requireNonNull(capacity, "capacity");
    if (subnets.isEmpty() || subnets.size() > 16) {
      throw new IllegalArgumentException("subnets must name 1 to 16 subnets, not " + subnets.size());
    }
    if (securityGroups.size() > 5) {
      throw new IllegalArgumentException("securityGroups must name at most 5 groups, not " + securityGroups.size());
    }
    if (startedBy == null || !STARTED_BY.matcher(startedBy).matches()) {
      throw new IllegalArgumentException(
          "startedBy must be 1 to 36 letters, digits, '-', '_' or '/' (ECS's limit), not " + startedBy);
    }
    if (agentPort < 1 || agentPort > 65535) {
      throw new IllegalArgumentException("agentPort must be 1..65535, not " + agentPort);
    }
    requireHttpUrl(callbackUrlBase);
    if (usePublicIp && !assignPublicIp) {
      throw new IllegalArgumentException("usePublicIp needs assignPublicIp: a task gets no public IP otherwise");
    }
  }

  /** {@link #callbackUrlBase()} without a trailing slash, plus {@code /<browserId>}. */
  String callbackUrl(String browserId) {
    String base = callbackUrlBase.endsWith("/")
        ? callbackUrlBase.substring(0, callbackUrlBase.length() - 1) : callbackUrlBase;
    return base + "/" + URLEncoder.encode(browserId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requireHttpUrl(String url) {
    requireText(url, "callbackUrlBase");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("callbackUrlBase is no URL: " + url, e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("callbackUrlBase must be an absolute http(s) URL, not " + url);
    }
  }
}
