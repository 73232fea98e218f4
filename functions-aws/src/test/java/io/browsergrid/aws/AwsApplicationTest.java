package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserProvider;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/** What the composition root registers, checked before the context starts (nothing is built or called). */
class AwsApplicationTest {

  @Test
  void theFourFunctionsAreRegisteredUnderTheirNames() {
    GenericApplicationContext context = initialized(Map.of());

    for (String name : new String[] {"api", "cleanup", "deliverWebhooks", "agentEvents"}) {
      assertThat(context.getBeanFactory().getBeanDefinition(name).getResolvableType().toClass())
          .as(name).isEqualTo(FunctionRegistration.class);
    }
    assertThat(names(context, EcsClient.class)).isEmpty();
  }

  @Test
  void fargateBringsTheEcsClientAndTheEc2ClientOnlyForPublicIps() {
    Map<String, String> fargate = new HashMap<>(Map.of("BROWSERGRID_PROVIDER", "fargate",
        "BROWSERGRID_ECS_CLUSTER", "c", "BROWSERGRID_ECS_TASK_DEFINITION", "td", "BROWSERGRID_ECS_SUBNETS", "subnet-a",
        "BROWSERGRID_AGENT_CALLBACK_URL", "https://agent.example.com"));

    GenericApplicationContext privateIps = initialized(fargate);
    fargate.put("BROWSERGRID_ECS_ASSIGN_PUBLIC_IP", "true");
    fargate.put("BROWSERGRID_ECS_USE_PUBLIC_IP", "true");
    GenericApplicationContext publicIps = initialized(fargate);

    assertThat(names(privateIps, EcsClient.class)).hasSize(1);
    assertThat(names(privateIps, Ec2Client.class)).isEmpty();
    assertThat(names(publicIps, Ec2Client.class)).hasSize(1);
  }

  @Test
  void aProviderTheCallerRegisteredIsKept() {
    GenericApplicationContext context = context(Map.of());
    context.registerBean("mine", BrowserProvider.class, UnconfiguredBrowserProvider::new);

    new AwsApplication().initialize(context);

    assertThat(names(context, BrowserProvider.class)).containsExactly("mine");
  }

  @Test
  void anUnknownProviderIsRefusedByName() {
    assertThatThrownBy(() -> initialized(Map.of("BROWSERGRID_PROVIDER", "lambda")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BROWSERGRID_PROVIDER");
  }

  private static String[] names(GenericApplicationContext context, Class<?> type) {
    return context.getBeanFactory().getBeanNamesForType(type, false, false);
  }

  private static GenericApplicationContext initialized(Map<String, String> extra) {
    GenericApplicationContext context = context(extra);
    new AwsApplication().initialize(context);
    return context;
  }

  private static GenericApplicationContext context(Map<String, String> extra) {
    Map<String, Object> env = new HashMap<>(Map.of(
        "BROWSERGRID_TABLE", "browsergrid",
        "BROWSERGRID_QUEUE_URL", "http://127.0.0.1:9/queue/events",
        "BROWSERGRID_PUBLIC_URL", "https://api.example.com",
        "BROWSERGRID_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
        "BROWSERGRID_API_KEY", "bg_operator"));
    env.putAll(extra);
    GenericApplicationContext context = new GenericApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", env));
    return context;
  }
}
