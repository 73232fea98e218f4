package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.Viewport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChromiumFlagsTest {
  private static final List<String> PLACEMENT = List.of("--user-data-dir=/home/browser/profile",
      "--remote-debugging-port=9222");

  @Test
  void fixedSwitchesThenTheSandboxsThenClientChoicesThenBlankPage() {
    BrowserOptions options = new BrowserOptions(true, new Viewport(1280, 720), List.of("--lang=de"), "Bot/1.0");

    assertThat(new ChromiumFlags().arguments(options, PLACEMENT)).containsExactly(
        "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=/home/browser/profile", "--remote-debugging-port=9222", "--window-size=1280,720",
        "--user-agent=Bot/1.0", "--lang=de", "about:blank");
  }

  @Test
  void noSandboxSwitchOfItsOwnAndHeadfulHasNoHeadlessSwitch() {
    List<String> args = new ChromiumFlags().arguments(new BrowserOptions(false, null, List.of(), null), PLACEMENT);

    assertThat(args).doesNotContain("--no-sandbox", "--headless").noneMatch(arg -> arg.startsWith("--window-size"));
  }

  @Test
  void aClientCannotSwitchTheSandboxOffMoveDebuggingOrChooseAProxy() {
    ChromiumFlags flags = new ChromiumFlags();
    for (String refused : List.of("--no-sandbox", "--remote-debugging-port=9222", "--user-data-dir=/etc",
        "--proxy-server=http://10.0.0.1:3128")) {
      BrowserOptions options = new BrowserOptions(true, null, List.of(refused), null);
      assertThatThrownBy(() -> flags.arguments(options, PLACEMENT)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(refused);
    }
  }
}
