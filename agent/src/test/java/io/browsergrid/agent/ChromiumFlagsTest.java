package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.Viewport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChromiumFlagsTest {
  private static final Path PROFILE = Path.of("/data/browsers/b1/profile");

  @Test
  void fixedSwitchesThenClientChoicesThenBlankPage() {
    BrowserOptions options = new BrowserOptions(true, new Viewport(1280, 720), List.of("--lang=de"), "Bot/1.0");

    assertThat(new ChromiumFlags(true).arguments(options, PROFILE)).containsExactly(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        "--user-data-dir=/data/browsers/b1/profile", "--window-size=1280,720", "--user-agent=Bot/1.0", "--lang=de",
        "about:blank");
  }

  @Test
  void sandboxStaysOnUnlessThePolicySaysOtherwiseAndHeadfulHasNoHeadlessSwitch() {
    List<String> args = new ChromiumFlags(false).arguments(new BrowserOptions(false, null, List.of(), null), PROFILE);

    assertThat(args).doesNotContain("--no-sandbox", "--headless").noneMatch(arg -> arg.startsWith("--window-size"));
  }

  @Test
  void theSandboxIsOffExactlyWhenRunningAsRoot() {
    boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;

    assertThat(ChromiumFlags.forCurrentUser().arguments(BrowserOptions.DEFAULT, PROFILE).contains("--no-sandbox"))
        .isEqualTo(root);
  }

  @Test
  void aClientCannotSwitchTheSandboxOffOrMoveDebugging() {
    ChromiumFlags flags = new ChromiumFlags(false);
    for (String refused : List.of("--no-sandbox", "--remote-debugging-port=9222", "--user-data-dir=/etc")) {
      BrowserOptions options = new BrowserOptions(true, null, List.of(refused), null);
      assertThatThrownBy(() -> flags.arguments(options, PROFILE)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(refused);
    }
  }
}
