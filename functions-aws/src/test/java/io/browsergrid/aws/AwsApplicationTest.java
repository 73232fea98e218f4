package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.browser.unconfigured.UnconfiguredBrowserProvider;
import io.browsergrid.serverless.CoreBuild;
import io.browsergrid.browser.BrowserProvider;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** What the composition root registers and chooses, checked before the context starts (nothing is called). */
class AwsApplicationTest {

  @Test
  void theFourFunctionsAreRegisteredUnderTheirNames() {
    GenericApplicationContext context = initialized(Map.of());

    for (String name : new String[] {"api", "cleanup", "deliverWebhooks", "agentEvents"}) {
      assertThat(context.getBeanFactory().getBeanDefinition(name).getResolvableType().toClass())
          .as(name).isEqualTo(FunctionRegistration.class);
    }
  }

  @Test
  void theProviderIsWhatBrowsergridProviderNames() {
    Map<String, String> fargate = Map.of("BROWSERGRID_PROVIDER", "fargate",
        "BROWSERGRID_ECS_CLUSTER", "c", "BROWSERGRID_ECS_TASK_DEFINITION", "td", "BROWSERGRID_ECS_SUBNETS", "subnet-a",
        "BROWSERGRID_AGENT_CALLBACK_URL", "https://agent.example.com");

    assertThat(provider(Map.of()).apply(owned -> { })).isInstanceOf(UnconfiguredBrowserProvider.class);
    // fargate's supplier builds SDK clients (the Fargate tests run them against a fake ECS); here: chosen, not built
    assertThat(provider(fargate)).isNotNull();
  }

  @Test
  void aFargateConfigurationMissingItsClusterFailsBeforeAnythingIsBuilt() {
    Map<String, String> noCluster = Map.of("BROWSERGRID_PROVIDER", "fargate",
        "BROWSERGRID_ECS_TASK_DEFINITION", "td", "BROWSERGRID_ECS_SUBNETS", "subnet-a",
        "BROWSERGRID_AGENT_CALLBACK_URL", "https://agent.example.com");

    assertThatThrownBy(() -> initialized(noCluster)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BROWSERGRID_ECS_CLUSTER");
  }

  @Test
  void initializingBuildsNothingTheCoreIsBuiltWhenTheContextStarts() {
    AtomicInteger built = new AtomicInteger();
    GenericApplicationContext context = context(Map.of());

    new AwsApplication(() -> {
      built.incrementAndGet();
      return new UnconfiguredBrowserProvider("fargate");
    }).initialize(context);

    assertThat(built).hasValue(0);
    assertThat(context.getBeanFactory().getBeanDefinition("api").isLazyInit()).isTrue();
    assertThat(names(context, BrowserGridCore.class)).hasSize(1);
  }

  @Test
  void theCoreBuildIsClosedWithTheContext() {
    GenericApplicationContext context = initialized(Map.of());
    assertThat(context.getBeanFactory().getBeanDefinition(names(context, CoreBuild.class)[0])
        .getDestroyMethodName()).isEqualTo("close");
  }

  @Test
  void anUnknownProviderIsRefusedByName() {
    assertThatThrownBy(() -> initialized(Map.of("BROWSERGRID_PROVIDER", "lambda")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BROWSERGRID_PROVIDER");
  }

  private static String[] names(GenericApplicationContext context, Class<?> type) {
    return context.getBeanFactory().getBeanNamesForType(type, false, false);
  }

  private static Function<Consumer<AutoCloseable>, BrowserProvider> provider(Map<String, String> extra) {
    GenericApplicationContext context = context(extra);
    return AwsApplication.provider(AwsSettings.from(context.getEnvironment()::getProperty),
        context.getEnvironment()::getProperty);
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
