package io.browsergrid.browser.cloudrun;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where and how {@link CloudRunBrowserProvider} runs browser services. The constructor checks every field and throws
 * {@link IllegalArgumentException} naming the first one Cloud Run would refuse, so a bad deployment fails at start-up
 * rather than on the first session.
 *
 * @param project         the project id the services are made in
 * @param projectNumber   the project's number, or null: with it, each agent is told its service's deterministic URL
 *                        ({@code https://<service>-<number>.<region>.run.app}) and answers {@code /json/version} with
 *                        {@code wss://} links (behind Cloud Run's TLS front it cannot tell by itself)
 * @param region          the region, like {@code us-central1}
 * @param image           the agent image (in Artifact Registry)
 * @param serviceAccount  the browsers' own service account: one with no role at all, so a page that reaches the
 *                        metadata server gets a token that can do nothing
 * @param deployment      marks this deployment's services (label {@code browsergrid-deployment}); what {@code list()}
 *                        filters on: 1 to 40 lowercase letters, digits and {@code -}
 * @param agentPort       the container port the agent serves plain HTTP and CDP on (Cloud Run terminates TLS)
 * @param callbackUrlBase where agents report back; each browser's callback URL is this plus {@code /<browserId>}
 * @param cpu             each browser's CPU limit, like {@code 2}
 * @param memory          each browser's memory limit, like {@code 2Gi}
 * @param requestTimeout  the service's request timeout, which bounds one WebSocket: at most 60 minutes, the longest a
 *                        session on Cloud Run may last
 * @param concurrency     requests (CDP clients and page fetches) one browser's instance takes at once, 1 to 1000
 */
public record CloudRunSettings(String project, String projectNumber, String region, String image,
    String serviceAccount, String deployment, int agentPort, String callbackUrlBase, String cpu, String memory,
    Duration requestTimeout, int concurrency) {
  /** Cloud Run's ceiling on a request's timeout, and so on a session's length there. */
  public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(60);
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");
  private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
  private static final Pattern DEPLOYMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
  private static final Pattern CPU = Pattern.compile("[0-9]+(\\.[0-9]+)?|[0-9]+m");
  private static final Pattern MEMORY = Pattern.compile("[0-9]+(Mi|Gi|M|G)");

  public CloudRunSettings {
    require(project != null && ID.matcher(project).matches(), "project",
        "6 to 30 lowercase letters, digits and '-', starting with a letter", project);
    require(projectNumber == null || NUMBER.matcher(projectNumber).matches(), "projectNumber", "digits",
        projectNumber);
    require(region != null && REGION.matcher(region).matches(), "region", "a region like us-central1", region);
    require(image != null && !image.isBlank(), "image", "an image reference", image);
    require(serviceAccount != null && serviceAccount.contains("@"), "serviceAccount", "a service account's email",
        serviceAccount);
    require(deployment != null && DEPLOYMENT.matcher(deployment).matches(), "deployment",
        "1 to 40 lowercase letters, digits and '-'", deployment);
    require(agentPort >= 1 && agentPort <= 65535, "agentPort", "1..65535", agentPort);
    require(httpUrl(callbackUrlBase), "callbackUrlBase", "an absolute http(s) URL", callbackUrlBase);
    require(cpu != null && CPU.matcher(cpu).matches(), "cpu", "a CPU limit like 1, 2 or 1000m", cpu);
    require(memory != null && MEMORY.matcher(memory).matches(), "memory", "a memory limit like 2Gi", memory);
    require(requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero()
        && requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) <= 0, "requestTimeout", "1 s to 60 min", requestTimeout);
    require(concurrency >= 1 && concurrency <= 1000, "concurrency", "1..1000", concurrency);
  }

  /** {@code projects/<project>/locations/<region>}, the services' parent. */
  public String parent() {
    return "projects/" + project + "/locations/" + region;
  }

  /** {@link #callbackUrlBase()} without a trailing slash, plus {@code /<browserId>}. */
  String callbackUrl(String browserId) {
    String base = callbackUrlBase.endsWith("/")
        ? callbackUrlBase.substring(0, callbackUrlBase.length() - 1) : callbackUrlBase;
    return base + "/" + URLEncoder.encode(browserId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static boolean httpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void require(boolean ok, String field, String what, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(field + " must be " + what + ", not " + value);
    }
  }
}
