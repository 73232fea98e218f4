package io.browsergrid.browser.fargate;

import io.browsergrid.browser.BrowserArgs;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * Builds the one {@code RunTask} request that starts a browser task: the configured cluster, task definition,
 * capacity provider and awsvpc network; {@code startedBy} and tags marking this deployment and the browser; and the
 * agent's environment as container overrides. The spec's {@code token} label goes to the environment only, never to
 * a tag (tags are readable by anyone who may list tasks).
 */
final class FargateRunTaskRequests {
  static final String ENV_BROWSER_ID = "BROWSERGRID_BROWSER_ID";
  static final String ENV_SESSION_TOKEN = "BROWSERGRID_SESSION_TOKEN";
  static final String ENV_CALLBACK_URL = "BROWSERGRID_CALLBACK_URL";
  static final String ENV_HEADLESS = "BROWSERGRID_HEADLESS";
  static final String ENV_WINDOW_SIZE = "BROWSERGRID_WINDOW_SIZE";
  static final String ENV_USER_AGENT = "BROWSERGRID_USER_AGENT";
  /** The client's switches, one per line: {@link BrowserArgs} refuses control characters, so a newline is safe. */
  static final String ENV_BROWSER_ARGS = "BROWSERGRID_BROWSER_ARGS";
  static final String ENV_PROXY = "BROWSERGRID_PROXY";
  static final String ENV_PROXY_BYPASS = "BROWSERGRID_PROXY_BYPASS";

  static final String TAG_DEPLOYMENT = "browsergrid:deployment";
  static final String TAG_BROWSER_ID = "browsergrid:browser-id";
  static final String TAG_LABEL_PREFIX = "browsergrid:";

  // ECS allows 50 tags per task; two are ours
  private static final int MAX_LABEL_TAGS = 48;
  private static final int MAX_TAG_KEY = 128;
  private static final int MAX_TAG_VALUE = 256;
  private static final Pattern NOT_TAG_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}\\p{Zs}_.:/=+@-]");

  private final FargateSettings settings;

  FargateRunTaskRequests(FargateSettings settings) {
    this.settings = settings;
  }

  /**
   * The request for {@code spec}. {@code clientToken} makes a repeated request start no second task; a new placement
   * attempt needs a new token. Throws {@link IllegalArgumentException} for a browser id that is no valid tag value,
   * since {@code list()} reads the id back from the tag.
   */
  RunTaskRequest request(BrowserSpec spec, String clientToken) {
    if (!tagText(spec.browserId(), MAX_TAG_VALUE).equals(spec.browserId())) {
      throw new IllegalArgumentException("browser id " + spec.browserId() + " cannot be an ECS tag value: at most "
          + MAX_TAG_VALUE + " letters, digits, spaces and _.:/=+-@");
    }
    return RunTaskRequest.builder()
        .cluster(settings.cluster())
        .taskDefinition(settings.taskDefinition())
        .count(1)
        .clientToken(clientToken)
        .capacityProviderStrategy(CapacityProviderStrategyItem.builder()
            .capacityProvider(settings.capacity().name()).weight(1).build())
        .networkConfiguration(NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
            .subnets(settings.subnets())
            .securityGroups(settings.securityGroups())
            .assignPublicIp(settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
            .build()).build())
        .startedBy(settings.startedBy())
        .tags(tags(spec))
        .overrides(TaskOverride.builder().containerOverrides(ContainerOverride.builder()
            .name(settings.containerName())
            .environment(environment(spec))
            .build()).build())
        .build();
  }

  private List<KeyValuePair> environment(BrowserSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ENV_BROWSER_ID, spec.browserId());
    String token = spec.labels().get(BrowserSpec.TOKEN_LABEL);
    if (token != null) {
      env.put(ENV_SESSION_TOKEN, token);
    }
    env.put(ENV_CALLBACK_URL, settings.callbackUrl(spec.browserId()));
    BrowserOptions options = spec.options();
    env.put(ENV_HEADLESS, Boolean.toString(options.headless()));
    if (options.viewport() != null) {
      env.put(ENV_WINDOW_SIZE, options.viewport().width() + "," + options.viewport().height());
    }
    if (options.userAgent() != null) {
      env.put(ENV_USER_AGENT, options.userAgent());
    }
    if (!options.args().isEmpty()) {
      env.put(ENV_BROWSER_ARGS, String.join("\n", options.args()));
    }
    if (options.proxy() != null) {
      // the agent chains it behind its egress; like the token, it lives in the task's environment only
      env.put(ENV_PROXY, options.proxy().url());
      if (!options.proxy().bypass().isEmpty()) {
        env.put(ENV_PROXY_BYPASS, String.join("\n", options.proxy().bypass()));
      }
    }
    List<KeyValuePair> pairs = new ArrayList<>(env.size());
    env.forEach((name, value) -> pairs.add(KeyValuePair.builder().name(name).value(value).build()));
    return pairs;
  }

  private List<Tag> tags(BrowserSpec spec) {
    Map<String, String> tags = new LinkedHashMap<>();
    new TreeMap<>(spec.labels()).entrySet().stream()
        .filter(label -> !BrowserSpec.TOKEN_LABEL.equals(label.getKey()))
        .limit(MAX_LABEL_TAGS)
        .forEach(label -> tags.put(
            tagText(TAG_LABEL_PREFIX + label.getKey(), MAX_TAG_KEY), tagText(label.getValue(), MAX_TAG_VALUE)));
    // put last so that a label cannot overwrite them
    tags.put(TAG_DEPLOYMENT, settings.startedBy());
    tags.put(TAG_BROWSER_ID, spec.browserId());
    List<Tag> list = new ArrayList<>(tags.size());
    tags.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
    return list;
  }

  /** {@code text} with what ECS refuses in a tag replaced by {@code _}, cut to {@code max} characters. */
  static String tagText(String text, int max) {
    String clean = NOT_TAG_CHARACTER.matcher(text).replaceAll("_");
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
