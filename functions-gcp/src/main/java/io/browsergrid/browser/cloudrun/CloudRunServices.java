package io.browsergrid.browser.cloudrun;

import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.ContainerPort;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.ExecutionEnvironment;
import com.google.cloud.run.v2.IngressTraffic;
import com.google.cloud.run.v2.ResourceRequirements;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceScaling;
import io.browsergrid.browser.AgentEnvironment;
import io.browsergrid.browser.BrowserSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Cloud Run service that runs one browser: its id, derived from the deployment and the browser id (so a repeated
 * create meets {@code ALREADY_EXISTS} instead of starting a second browser), and its definition: manual scaling at
 * exactly one instance with CPU always allocated (instance-based billing, since a browser works between requests),
 * the agent image on the browsers' own service account, the second-generation execution environment (Chromium's
 * sandbox needs its namespaces), public ingress with Cloud Run's invoker check off (the agent checks each client's
 * CDP token), labels marking this deployment, and the agent's environment ({@link AgentEnvironment}). The CDP token
 * goes to that environment only, never to a label.
 */
final class CloudRunServices {
  static final String LABEL_DEPLOYMENT = "browsergrid-deployment";
  static final String LABEL_BROWSER = "browsergrid-browser";
  static final String ANNOTATION_BROWSER_ID = "browsergrid.io/browser-id";
  private static final String LABEL_PREFIX = "bg-";
  // Cloud Run allows 64 labels; two are ours
  private static final int MAX_SPEC_LABELS = 62;
  private static final int MAX_LABEL = 63;
  private static final Pattern NOT_LABEL_CHARACTER = Pattern.compile("[^a-z0-9_-]");

  private final CloudRunSettings settings;

  CloudRunServices(CloudRunSettings settings) {
    this.settings = settings;
  }

  /** The service id of {@code browserId}'s browser: {@code bg-} and 32 hex digits, valid in a run.app host name. */
  String serviceId(String browserId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((settings.deployment() + "/" + browserId).getBytes(StandardCharsets.UTF_8));
      return "bg-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The full resource name of {@code browserId}'s service. */
  String serviceName(String browserId) {
    return settings.parent() + "/services/" + serviceId(browserId);
  }

  /** The service to create for {@code spec}. */
  Service service(BrowserSpec spec) {
    Map<String, String> env = new LinkedHashMap<>(AgentEnvironment.of(spec, settings.callbackUrl(spec.browserId())));
    env.put("BROWSERGRID_AGENT_PORT", Integer.toString(settings.agentPort()));
    env.put("BROWSERGRID_AGENT_BIND_ADDRESS", "0.0.0.0");
    if (settings.projectNumber() != null) {
      env.put("BROWSERGRID_AGENT_PUBLIC_URL", "https://" + serviceId(spec.browserId()) + "-"
          + settings.projectNumber() + "." + settings.region() + ".run.app");
    }
    Container.Builder container = Container.newBuilder()
        .setName("browser")
        .setImage(settings.image())
        .addPorts(ContainerPort.newBuilder().setName("http1").setContainerPort(settings.agentPort()))
        .setResources(ResourceRequirements.newBuilder()
            .putLimits("cpu", settings.cpu())
            .putLimits("memory", settings.memory())
            .setCpuIdle(false)
            .setStartupCpuBoost(true));
    env.forEach((name, value) -> container.addEnv(EnvVar.newBuilder().setName(name).setValue(value)));
    return Service.newBuilder()
        .putAllLabels(labels(spec))
        .putAnnotations(ANNOTATION_BROWSER_ID, spec.browserId())
        .setIngress(IngressTraffic.INGRESS_TRAFFIC_ALL)
        .setInvokerIamDisabled(true)
        .setScaling(ServiceScaling.newBuilder()
            .setScalingMode(ServiceScaling.ScalingMode.MANUAL)
            .setManualInstanceCount(1))
        .setTemplate(RevisionTemplate.newBuilder()
            .setServiceAccount(settings.serviceAccount())
            .setExecutionEnvironment(ExecutionEnvironment.EXECUTION_ENVIRONMENT_GEN2)
            .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(settings.requestTimeout().toSeconds()))
            .setMaxInstanceRequestConcurrency(settings.concurrency())
            .addContainers(container))
        .build();
  }

  /** The browser id a listed service was made for; a service without one gets its own id, so it reads as an orphan. */
  static String browserId(Service service) {
    String id = service.getAnnotationsMap().get(ANNOTATION_BROWSER_ID);
    return id != null ? id : service.getName().substring(service.getName().lastIndexOf('/') + 1);
  }

  private Map<String, String> labels(BrowserSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    new TreeMap<>(spec.labels()).entrySet().stream()
        .limit(MAX_SPEC_LABELS)
        .forEach(label -> labels.put(labelText(LABEL_PREFIX + label.getKey()), labelText(label.getValue())));
    // put last so that a label cannot overwrite them
    labels.put(LABEL_DEPLOYMENT, settings.deployment());
    labels.put(LABEL_BROWSER, labelText(spec.browserId()));
    return labels;
  }

  /** {@code text} as a label accepts it: lowercase letters, digits, {@code _} and {@code -}, at most 63. */
  static String labelText(String text) {
    String clean = NOT_LABEL_CHARACTER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("_");
    return clean.length() <= MAX_LABEL ? clean : clean.substring(0, MAX_LABEL);
  }
}
