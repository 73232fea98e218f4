package io.browsergrid.serverless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.CoreSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerlessSettingsTest {
  private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void withoutAProviderNoBrowserRunsAndTheCoreProxiesNothing() {
    ServerlessSettings settings = ServerlessSettings.from(required()::get, 7);

    assertThat(settings.provider()).isEqualTo(ServerlessSettings.NO_PROVIDER);
    assertThat(settings.containers()).isFalse();
    assertThat(settings.admission().maxStarting()).as("the cloud's default").isEqualTo(7);
    assertThat(settings.core().agentServesCdp()).isFalse();
    assertThat(settings.deliveriesPerTenant()).isEqualTo(ServerlessSettings.DEFAULT_DELIVERIES_PER_TENANT);
  }

  @Test
  void aContainerProviderMeansEachBrowsersAgentServesItsCdp() {
    Map<String, String> env = required();
    env.put("BROWSERGRID_PROVIDER", "cloudrun");
    env.put("BROWSERGRID_PUBLIC_URL", "https://api.example.com/");

    CoreSettings core = ServerlessSettings.from(env::get, 7).core();

    assertThat(core.agentServesCdp()).isTrue();
    assertThat(core.browserSandbox()).isEqualTo("container");
    assertThat(core.urls().http()).isEqualTo("https://api.example.com");
    assertThat(core.urls().ws()).isEqualTo("wss://api.example.com");
    assertThat(core.startTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @ParameterizedTest
  @CsvSource({
      "BROWSERGRID_METRICS_REQUIRE_KEY, yes",
      "BROWSERGRID_WEBHOOK_ALLOW_PRIVATE, 1",
      "BROWSERGRID_PUBLIC_URL, api.example.com",
      "BROWSERGRID_MAX_STARTING, 0",
      "BROWSERGRID_WEBHOOK_TENANT_CONCURRENCY, 0"})
  void aMalformedVariableIsAStartUpErrorNamingIt(String name, String value) {
    Map<String, String> env = required();
    env.put(name, value);

    assertThatThrownBy(() -> ServerlessSettings.from(env::get, 7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(ServerlessSettings.from(required()::get, 7).toString()).doesNotContain(SECRET)
        .doesNotContain("bg_operator");
  }

  private static Map<String, String> required() {
    Map<String, String> env = new HashMap<>();
    env.put("BROWSERGRID_PUBLIC_URL", "https://functions.example.com");
    env.put("BROWSERGRID_SECRET_KEY", SECRET);
    env.put("BROWSERGRID_API_KEY", "bg_operator");
    return env;
  }
}
