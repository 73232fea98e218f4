package io.browsergrid.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrowserArgsTest {

  @ParameterizedTest
  @ValueSource(strings = {"--lang=de-DE", "--accept-lang=de-DE,en;q=0.8", "--window-size=800,600",
      "--disable-blink-features=AutomationControlled", "--mute-audio", "--force-device-scale-factor=2",
      "--blink-settings=imagesEnabled=false,primaryHoverType=2", "--autoplay-policy=no-user-gesture-required",
      "--user-agent=Bot/1.0 (compatible)", "--font-render-hinting=none"})
  void allowsSafeSwitchesWithSafeValues(String arg) {
    assertThat(BrowserArgs.refusal(arg)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--no-sandbox", "--remote-debugging-port=9222", "--remote-debugging-pipe",
      "--user-data-dir=/tmp", "--load-extension=/x", "--disable-web-security", "--single-process",
      "--no-zygote", "--disable-setuid-sandbox", "--renderer-cmd-prefix=gdb", "--utility-cmd-prefix=x",
      "--gpu-launcher=x", "--disable-features=IsolateOrigins,site-per-process", "--enable-features=x", "-lang", "lang", "", "--lang=a\nb",
      "--proxy-server=http://10.0.0.1:3128", "--proxy-bypass-list=*", "--proxy-pac-url=http://x/p.pac"})
  void refusesEverythingElse(String arg) {
    assertThat(BrowserArgs.refusal(arg)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--blink-settings=allowFileAccessFromFileURLs=true",
      "--blink-settings=imagesEnabled=false,allowUniversalAccessFromFileURLs=true",
      "--blink-settings=AllowFileAccess=true", "--blink-settings=a=b;c", "--window-size=100000,100000",
      "--window-size=800x600", "--window-size=99,99", "--force-device-scale-factor=1000", "--lang=../../etc",
      "--mute-audio=1", "--lang", "--autoplay-policy=sometimes", "--force-color-profile=anything"})
  void refusesValuesOutOfBounds(String arg) {
    assertThat(BrowserArgs.refusal(arg)).isPresent();
  }

  @Test
  void aRefusalSaysWhichSwitchAndWhy() {
    assertThat(BrowserArgs.refusal("--blink-settings=allowFileAccessFromFileURLs=true"))
        .hasValueSatisfying(why -> assertThat(why).contains("--blink-settings").contains("allowFileAccessFromFileURLs"));
    assertThat(BrowserArgs.refusal("--window-size=100000,100000"))
        .hasValueSatisfying(why -> assertThat(why).contains("--window-size").contains("7680"));
  }
}
