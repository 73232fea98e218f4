package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PublicUrlsTest {
  @Test
  void aConfiguredUrlWinsAndBecomesAWebSocketUrl() {
    assertThat(new PublicUrls(URI.create("https://203.0.113.7:8443/")).cdpUrl("t", false, "evil.example", "x:1"))
        .isEqualTo("wss://203.0.113.7:8443/cdp?token=t");
    assertThat(new PublicUrls(URI.create("http://agent.internal:8080/base")).cdpUrl("t", true, null, "x:1"))
        .isEqualTo("ws://agent.internal:8080/base/cdp?token=t");
  }

  @Test
  void withoutOneTheHostHeaderAndTheConnectionsSchemeAreUsed() {
    PublicUrls urls = new PublicUrls(null);

    assertThat(urls.cdpUrl("t", true, "203.0.113.7:8443", "10.0.0.1:8443"))
        .isEqualTo("wss://203.0.113.7:8443/cdp?token=t");
    assertThat(urls.cdpUrl("t", false, "[2001:db8::1]:8443", "10.0.0.1:8443"))
        .isEqualTo("ws://[2001:db8::1]:8443/cdp?token=t");
  }

  @Test
  void aMissingOrMalformedHostHeaderFallsBackToTheLocalAddress() {
    PublicUrls urls = new PublicUrls(null);

    assertThat(urls.cdpUrl("t", false, null, "10.0.0.1:8443")).isEqualTo("ws://10.0.0.1:8443/cdp?token=t");
    assertThat(urls.cdpUrl("t", false, "a\"b/c", "10.0.0.1:8443")).isEqualTo("ws://10.0.0.1:8443/cdp?token=t");
  }

  @Test
  void theTokenIsQueryEncoded() {
    assertThat(new PublicUrls(null).cdpUrl("a+b/c=", false, "h:1", "x:1")).isEqualTo("ws://h:1/cdp?token=a%2Bb%2Fc%3D");
  }

  @Test
  void otherSchemesAreRefused() {
    assertThatThrownBy(() -> new PublicUrls(URI.create("ftp://h/"))).isInstanceOf(IllegalArgumentException.class);
  }
}
