package io.browsergrid.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CdpTokensTest {
  private final CdpTokens tokens = new CdpTokens("0123456789abcdef0123456789abcdef".getBytes());

  @Test
  void aTokenVerifiesForItsSessionOnly() {
    String token = tokens.token("s1");
    assertThat(tokens.verify("s1", token)).isTrue();
    assertThat(tokens.verify("s2", token)).isFalse();
    assertThat(tokens.verify("s1", token.substring(1))).isFalse();
    assertThat(tokens.verify("s1", "!!not base64!!")).isFalse();
    assertThat(tokens.verify("s1", null)).isFalse();
    assertThat(new CdpTokens("another secret of 32 bytes.......".getBytes()).verify("s1", token)).isFalse();
  }

  @Test
  void refusesAShortSecret() {
    assertThatThrownBy(() -> new CdpTokens(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
