package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
