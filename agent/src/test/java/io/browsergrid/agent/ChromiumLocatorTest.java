package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumLocatorTest {

  @Test
  void anExplicitPathWinsOverTheEnvironment() {
    ChromiumLocator locator = new ChromiumLocator(Map.of(ChromiumLocator.ENV, "/bin/false"));

    assertThat(locator.locate("/bin/true")).isEqualTo(Path.of("/bin/true"));
    assertThat(locator.locate()).isEqualTo(Path.of("/bin/false"));
  }

  @Test
  void aConfiguredPathThatIsNoExecutableIsRefused(@TempDir Path dir) {
    ChromiumLocator locator = new ChromiumLocator(Map.of(ChromiumLocator.ENV, dir.resolve("missing").toString()));

    assertThatThrownBy(locator::locate).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ChromiumLocator.ENV);
    assertThatThrownBy(() -> locator.locate(dir.toString())).isInstanceOf(IllegalArgumentException.class);
  }
}
