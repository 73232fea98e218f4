package io.browsergrid.browser.fargate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.fargate.FargateSettings.Capacity;
import java.util.List;
import org.junit.jupiter.api.Test;

class FargateSettingsTest {

  /** Settings as the provider tests use them: two subnets, one group, Spot, public IPs assigned. */
  static FargateSettings settings(boolean usePublicIp, boolean requireHealthy) {
    return new FargateSettings("browsers", "browsergrid-browser:7", "browser", List.of("subnet-aaa", "subnet-bbb"),
        List.of("sg-0123"), true, Capacity.FARGATE_SPOT, "bg-test", 8443, "https://api.example.com/v1/agent/",
        usePublicIp, requireHealthy);
  }

  @Test
  void aValidConfigurationIsKeptAsGiven() {
    FargateSettings settings = settings(true, false);

    assertThat(settings.subnets()).containsExactly("subnet-aaa", "subnet-bbb");
    assertThat(settings.callbackUrl("0123-abc")).isEqualTo("https://api.example.com/v1/agent/0123-abc");
  }

  @Test
  void startedByMustFitEcsLimitOf36Characters() {
    assertThatThrownBy(() -> withStartedBy("x".repeat(37))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startedBy").hasMessageContaining("36");
    assertThatThrownBy(() -> withStartedBy("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThat(withStartedBy("x".repeat(36)).startedBy()).hasSize(36);
  }

  @Test
  void aPublicEndpointNeedsAPublicIpAssigned() {
    assertThatThrownBy(() -> new FargateSettings("c", "td", "browser", List.of("subnet-a"), List.of(), false,
        Capacity.FARGATE, "bg", 8443, "https://api.example.com", true, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assignPublicIp");
  }

  @Test
  void subnetsPortAndCallbackAreChecked() {
    assertThatThrownBy(() -> new FargateSettings("c", "td", "browser", List.of(), List.of(), false,
        Capacity.FARGATE, "bg", 8443, "https://api.example.com", false, false)).hasMessageContaining("subnets");
    assertThatThrownBy(() -> new FargateSettings("c", "td", "browser", List.of("subnet-a"), List.of(), false,
        Capacity.FARGATE, "bg", 0, "https://api.example.com", false, false)).hasMessageContaining("agentPort");
    assertThatThrownBy(() -> new FargateSettings("c", "td", "browser", List.of("subnet-a"), List.of(), false,
        Capacity.FARGATE, "bg", 8443, "api.example.com/agent", false, false)).hasMessageContaining("callbackUrlBase");
  }

  private static FargateSettings withStartedBy(String startedBy) {
    return new FargateSettings("c", "td", "browser", List.of("subnet-a"), List.of(), false, Capacity.FARGATE,
        startedBy, 8443, "https://api.example.com", false, false);
  }
}
