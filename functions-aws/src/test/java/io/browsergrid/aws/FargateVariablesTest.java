package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.fargate.FargateSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FargateVariablesTest {

  @Test
  void theRequiredVariablesAloneGiveTheDefaults() {
    FargateSettings settings = FargateVariables.from(required()::get);

    assertThat(settings.cluster()).isEqualTo("browsergrid");
    assertThat(settings.taskDefinition()).isEqualTo("browsergrid-browser:3");
    assertThat(settings.subnets()).containsExactly("subnet-a", "subnet-b");
    assertThat(settings.securityGroups()).isEmpty();
    assertThat(settings.containerName()).isEqualTo("browser");
    assertThat(settings.capacity()).isEqualTo(FargateSettings.Capacity.FARGATE);
    assertThat(settings.startedBy()).isEqualTo("browsergrid");
    assertThat(settings.agentPort()).isEqualTo(8443);
    assertThat(settings.assignPublicIp()).isFalse();
    assertThat(settings.usePublicIp()).isFalse();
    assertThat(settings.requireHealthy()).isFalse();
  }

  @Test
  void everyOptionalVariableIsRead() {
    Map<String, String> env = required();
    env.put("BROWSERGRID_ECS_SECURITY_GROUPS", "sg-1, sg-2");
    env.put("BROWSERGRID_ECS_CONTAINER", "agent");
    env.put("BROWSERGRID_ECS_CAPACITY", "fargate_spot");
    env.put("BROWSERGRID_ECS_STARTED_BY", "bg-prod");
    env.put("BROWSERGRID_AGENT_PORT", "8443");
    env.put("BROWSERGRID_ECS_ASSIGN_PUBLIC_IP", "true");
    env.put("BROWSERGRID_ECS_USE_PUBLIC_IP", "true");
    env.put("BROWSERGRID_ECS_REQUIRE_HEALTHY", "true");

    FargateSettings settings = FargateVariables.from(env::get);

    assertThat(settings.securityGroups()).isEqualTo(List.of("sg-1", "sg-2"));
    assertThat(settings.containerName()).isEqualTo("agent");
    assertThat(settings.capacity()).isEqualTo(FargateSettings.Capacity.FARGATE_SPOT);
    assertThat(settings.startedBy()).isEqualTo("bg-prod");
    assertThat(settings.agentPort()).isEqualTo(8443);
    assertThat(settings.usePublicIp()).isTrue();
    assertThat(settings.requireHealthy()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"BROWSERGRID_ECS_CLUSTER", "BROWSERGRID_ECS_TASK_DEFINITION", "BROWSERGRID_ECS_SUBNETS",
      "BROWSERGRID_AGENT_CALLBACK_URL"})
  void aMissingRequiredVariableIsNamed(String name) {
    Map<String, String> env = required();
    env.remove(name);

    assertThatThrownBy(() -> FargateVariables.from(env::get)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @ParameterizedTest
  @CsvSource({"BROWSERGRID_ECS_CAPACITY, EC2", "BROWSERGRID_AGENT_PORT, 0", "BROWSERGRID_ECS_ASSIGN_PUBLIC_IP, maybe"})
  void aMalformedVariableIsNamed(String name, String value) {
    Map<String, String> env = required();
    env.put(name, value);

    assertThatThrownBy(() -> FargateVariables.from(env::get)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  private static Map<String, String> required() {
    Map<String, String> env = new HashMap<>();
    env.put("BROWSERGRID_ECS_CLUSTER", "browsergrid");
    env.put("BROWSERGRID_ECS_TASK_DEFINITION", "browsergrid-browser:3");
    env.put("BROWSERGRID_ECS_SUBNETS", "subnet-a,subnet-b,");
    env.put("BROWSERGRID_AGENT_CALLBACK_URL", "https://agent.lambda-url.us-east-1.on.aws/");
    return env;
  }
}
