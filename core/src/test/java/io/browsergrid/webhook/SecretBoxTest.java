package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private final SecretBox box = new SecretBox(key(1));

  @Test
  void sealsAndOpens() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    String sealed = box.seal(secret);

    assertThat(sealed).startsWith("v1:").doesNotContain(secret);
    assertThat(box.open(sealed)).isEqualTo(secret);
    assertThat(new SecretBox(key(1)).open(sealed)).as("the same key in another box").isEqualTo(secret);
    assertThat(box.open(box.seal("ünïcødé ✓"))).isEqualTo("ünïcødé ✓");
    assertThat(box.open(box.seal(""))).isEmpty();
  }

  @Test
  void everySealUsesAFreshNonce() {
    assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
  }

  @Test
  void detectsTampering() {
    byte[] bytes = Base64.getDecoder().decode(box.seal("whsec_secret").substring(3));
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x01;
      String tampered = "v1:" + Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> box.open(tampered)).as("byte %d altered", i)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("another key or altered");
    }
  }

  @Test
  void refusesAnotherKey() {
    String sealed = box.seal("whsec_secret");

    assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another key");
  }

  @Test
  void refusesWhatIsNotSealed() {
    assertThatThrownBy(() -> box.open("whsec_plain")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v1:");
    assertThatThrownBy(() -> box.open("v1:not base64!")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> box.open("v1:AAAA")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> box.open(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsAThirtyTwoByteKey() {
    assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretBox(null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }
}
