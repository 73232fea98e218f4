package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneConfigTest {
  private static final String[] NO_ARGS = {};

  @Test
  void browsersRunInTheIdleCpuGroupUnlessTurnedOff() {
    assertThat(StandaloneConfig.from(Map.of(), NO_ARGS).browserCpuGroup()).isTrue();
    assertThat(StandaloneConfig.from(Map.of("BROWSERGRID_BROWSER_CPU_GROUP", "off"), NO_ARGS).browserCpuGroup())
        .isFalse();
    assertThat(StandaloneConfig.from(Map.of(), new String[] {"--browser-cpu-group", "off"}).browserCpuGroup())
        .isFalse();
  }

  @Test
  void anUnknownCpuGroupSettingNamesTheVariableAndTheChoices() {
    assertThatThrownBy(() -> StandaloneConfig.from(Map.of("BROWSERGRID_BROWSER_CPU_GROUP", "yes"), NO_ARGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BROWSERGRID_BROWSER_CPU_GROUP must be auto or off, not yes");
  }

  @Test
  void theServerBindsLoopbackByDefault() {
    StandaloneConfig config = StandaloneConfig.from(Map.of(), NO_ARGS);

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
  }

  @Test
  void browsersAreSandboxedAndRefusedPrivateAddressesUnlessAnOperatorSaysOtherwise() {
    StandaloneConfig defaults = StandaloneConfig.from(Map.of(), NO_ARGS);
    assertThat(defaults.browserSandbox()).isTrue();
    assertThat(defaults.browserAllowPrivate()).isFalse();
    StandaloneConfig open = StandaloneConfig.from(Map.of("BROWSERGRID_BROWSER_SANDBOX", "off",
        "BROWSERGRID_BROWSER_ALLOW_PRIVATE", "true"), NO_ARGS);
    assertThat(open.browserSandbox()).isFalse();
    assertThat(open.browserAllowPrivate()).isTrue();
    assertThatThrownBy(() -> StandaloneConfig.from(Map.of("BROWSERGRID_BROWSER_SANDBOX", "no"), NO_ARGS))
        .hasMessageContaining("BROWSERGRID_BROWSER_SANDBOX must be bubblewrap or off");
  }

  @Test
  void secretsComeFromFilesNamedByFileVariables(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("api-key"), "bg_from-a-file-0123456789abcdefghijklmnopqrstuvwxyz\n");
    Path secret = Files.writeString(dir.resolve("secret"), Base64.getEncoder().encodeToString(new byte[32]));

    StandaloneConfig config = StandaloneConfig.from(Map.of("BROWSERGRID_API_KEY_FILE", key.toString(),
        "BROWSERGRID_SECRET_KEY_FILE", secret.toString()), NO_ARGS);

    assertThat(config.apiKey()).hasValue("bg_from-a-file-0123456789abcdefghijklmnopqrstuvwxyz");
    assertThat(config.secretKey()).hasValueSatisfying(k -> assertThat(k).hasSize(32));
    assertThatThrownBy(() -> StandaloneConfig.from(Map.of("BROWSERGRID_API_KEY_FILE", dir.resolve("none").toString()),
        NO_ARGS)).hasMessageContaining("BROWSERGRID_API_KEY_FILE");
  }
}
