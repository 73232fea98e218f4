package io.browsergrid.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserProxyTest {
  @Test
  void readsSchemeHostPortAndEncodedCredentialsAndWritesThemBack() {
    BrowserProxy proxy = BrowserProxy.parse("http://alice:p%40ss%20word@[2001:db8::1]:3128", List.of());

    assertThat(proxy).isEqualTo(new BrowserProxy("http", "2001:db8::1", 3128, "alice", "p@ss word", List.of()));
    assertThat(BrowserProxy.parse(proxy.url(), List.of())).isEqualTo(proxy);
    assertThat(proxy.publicServer()).isEqualTo("http://[2001:db8::1]:3128");
    assertThat(proxy.toString()).doesNotContain("p@ss").doesNotContain("alice");
  }

  @Test
  void refusesWhatIsNoProxyWithoutRepeatingIt() {
    for (String bad : List.of("ftp://u:secret1@h:21", "http://u:secret1@h", "http://u:secret1@h:3128/path",
        "socks5://u:secret1@h:99999", "not a url secret1")) {
      assertThatThrownBy(() -> BrowserProxy.parse(bad, List.of())).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret1");
    }
  }

  @Test
  void bypassMatchesExactHostsAndSubdomainsOfStarPatterns() {
    BrowserProxy proxy = BrowserProxy.parse("socks5://h:1080", List.of("*.example.com", "intranet"));

    assertThat(proxy.bypasses("a.b.example.com")).isTrue();
    assertThat(proxy.bypasses("INTRANET")).isTrue();
    assertThat(proxy.bypasses("example.com.evil.test")).isFalse();
    assertThat(proxy.bypasses("notexample.com")).isFalse();
  }
}
