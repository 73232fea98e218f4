package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.CoreSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsSettingsTest {
  private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void theRequiredVariablesAloneGiveTheDefaults() {
    AwsSettings settings = AwsSettings.from(required()::get);

    assertThat(settings.table()).isEqualTo("browsergrid");
    assertThat(settings.queueUrl()).isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/events");
    assertThat(settings.shared().provider()).isEqualTo("none");
    assertThat(settings.shared().maxSessions()).isEqualTo(100);
    assertThat(settings.shared().startTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.shared().metricsNeedKey()).isTrue();
    assertThat(settings.shared().webhookAllowPrivate()).isFalse();
    assertThat(settings.shared().defaultPoolMinIdle()).isEmpty();
  }

  @Test
  void theCoreGetsHttpAndWebSocketUrlsWithoutATrailingSlash() {
    Map<String, String> env = required();
    env.put("BROWSERGRID_PUBLIC_URL", "https://api.example.com/");
    env.put("BROWSERGRID_MAX_SESSIONS", "7");
    env.put("BROWSERGRID_START_TIMEOUT_SECONDS", "90");
    env.put("BROWSERGRID_DEFAULT_POOL_MIN_IDLE", "2");

    CoreSettings core = AwsSettings.from(env::get).core();

    assertThat(core.urls().http()).isEqualTo("https://api.example.com");
    assertThat(core.urls().ws()).isEqualTo("wss://api.example.com");
    assertThat(core.maxSessions()).isEqualTo(7);
    assertThat(core.startTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(core.defaultPoolMinIdle()).isEqualTo(OptionalInt.of(2));
    assertThat(core.secretKey()).hasSize(32);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BROWSERGRID_TABLE", "BROWSERGRID_QUEUE_URL", "BROWSERGRID_PUBLIC_URL",
      "BROWSERGRID_SECRET_KEY", "BROWSERGRID_API_KEY"})
  void aMissingRequiredVariableIsNamed(String name) {
    Map<String, String> env = required();
    env.remove(name);

    assertThatThrownBy(() -> AwsSettings.from(env::get)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @ParameterizedTest
  @CsvSource({
      "BROWSERGRID_SECRET_KEY, c2hvcnQ=",
      "BROWSERGRID_SECRET_KEY, not base64!",
      "BROWSERGRID_PUBLIC_URL, ftp://example.com",
      "BROWSERGRID_MAX_SESSIONS, 0",
      "BROWSERGRID_MAX_SESSIONS, many",
      "BROWSERGRID_START_TIMEOUT_SECONDS, 601",
      "BROWSERGRID_METRICS_REQUIRE_KEY, yes"})
  void aMalformedVariableIsNamed(String name, String value) {
    Map<String, String> env = required();
    env.put(name, value);

    assertThatThrownBy(() -> AwsSettings.from(env::get)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(AwsSettings.from(required()::get).toString()).doesNotContain(SECRET).doesNotContain("bg_operator");
  }

  private static Map<String, String> required() {
    Map<String, String> env = new HashMap<>();
    env.put("BROWSERGRID_TABLE", "browsergrid");
    env.put("BROWSERGRID_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/events");
    env.put("BROWSERGRID_PUBLIC_URL", "https://abc.execute-api.us-east-1.amazonaws.com");
    env.put("BROWSERGRID_SECRET_KEY", SECRET);
    env.put("BROWSERGRID_API_KEY", "bg_operator");
    return env;
  }
}
