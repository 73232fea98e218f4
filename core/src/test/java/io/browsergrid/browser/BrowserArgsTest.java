package io.browsergrid.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrowserArgsTest {

  @ParameterizedTest
  @ValueSource(strings = {"--lang=de-DE", "--window-size=800,600", "--proxy-server=http://proxy:3128",
      "--disable-blink-features=AutomationControlled", "--mute-audio"})
  void allowsSafeSwitches(String arg) {
    assertThat(BrowserArgs.refusal(arg)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--no-sandbox", "--remote-debugging-port=9222", "--remote-debugging-pipe",
      "--user-data-dir=/tmp", "--load-extension=/x", "--disable-web-security", "--single-process",
      "--no-zygote", "--disable-setuid-sandbox", "--renderer-cmd-prefix=gdb", "--utility-cmd-prefix=x",
      "--gpu-launcher=x", "--disable-features=IsolateOrigins,site-per-process", "--enable-features=x", "-lang", "lang", "", "--lang=a\nb"})
  void refusesEverythingElse(String arg) {
    assertThat(BrowserArgs.refusal(arg)).isPresent();
  }
}
