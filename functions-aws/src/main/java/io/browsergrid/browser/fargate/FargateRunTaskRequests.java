package io.browsergrid.browser.fargate;

import io.browsergrid.browser.BrowserArgs;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.AgentEnvironment;
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
 * agent's environment ({@link AgentEnvironment}) as container overrides. The spec's agent token goes to that
 * environment only, never to a tag (tags are readable by anyone who may list tasks).
 */
final class FargateRunTaskRequests {
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
    Map<String, String> env = AgentEnvironment.of(spec, settings.callbackUrl(spec.browserId()));
    List<KeyValuePair> pairs = new ArrayList<>(env.size());
    env.forEach((name, value) -> pairs.add(KeyValuePair.builder().name(name).value(value).build()));
    return pairs;
  }

  private List<Tag> tags(BrowserSpec spec) {
    Map<String, String> tags = new LinkedHashMap<>();
    new TreeMap<>(spec.labels()).entrySet().stream()
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
