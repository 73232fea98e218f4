package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCheckTest {
  private final TokenCheck check = new TokenCheck("s3cret-token");

  @Test
  void onlyTheExactTokenIsAccepted() {
    assertThat(check.accepts("s3cret-token")).isTrue();
    assertThat(check.accepts("s3cret-tokeN")).isFalse();
    assertThat(check.accepts("s3cret-token ")).isFalse();
    assertThat(check.accepts("s3cret")).isFalse();
    assertThat(check.accepts("")).isFalse();
    assertThat(check.accepts(null)).isFalse();
  }
}
