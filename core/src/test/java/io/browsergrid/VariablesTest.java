package io.browsergrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The one reader of the shared variables: one strictness for every deployable, each failure naming its variable. */
class VariablesTest {
  private static Variables of(Map<String, String> values) {
    return new Variables(values::get);
  }

  @Test
  void aBooleanIsTrueOrFalseAndAnythingElseNamesTheVariable() {
    assertThat(of(Map.of("B", " TRUE ")).bool("B", false)).isTrue();
    assertThat(of(Map.of("B", "false")).bool("B", true)).isFalse();
    assertThat(of(Map.of()).bool("B", true)).isTrue();
    assertThatThrownBy(() -> of(Map.of("B", "yes")).bool("B", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("B must be true or false: yes");
  }

  @Test
  void theSecretKeyIsBase64OfAtLeast32Bytes() {
    byte[] key = new byte[32];
    key[0] = 7;
    String good = Base64.getEncoder().encodeToString(key);
    assertThat(of(Map.of("BROWSERGRID_SECRET_KEY", good)).secretKey()).hasValueSatisfying(k -> assertThat(k)
        .isEqualTo(key));
    assertThat(of(Map.of()).secretKey()).isEmpty();
    assertThatThrownBy(() -> of(Map.of("BROWSERGRID_SECRET_KEY", "c2hvcnQ=")).secretKey())
        .hasMessageStartingWith("BROWSERGRID_SECRET_KEY must be base64 of at least 32 bytes");
    assertThatThrownBy(() -> of(Map.of("BROWSERGRID_SECRET_KEY", "not base64!")).secretKey())
        .hasMessageStartingWith("BROWSERGRID_SECRET_KEY must be base64");
  }

  @Test
  void sharedNumbersHaveTheirRangesAndDefaults() {
    assertThat(of(Map.of()).startTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(of(Map.of()).defaultPoolMinIdle()).isEqualTo(OptionalInt.empty());
    assertThat(of(Map.of("BROWSERGRID_DEFAULT_POOL_MIN_IDLE", "3")).defaultPoolMinIdle()).hasValue(3);
    assertThatThrownBy(() -> of(Map.of("BROWSERGRID_START_TIMEOUT_SECONDS", "2")).startTimeout())
        .hasMessageContaining("BROWSERGRID_START_TIMEOUT_SECONDS must be an integer between 5 and 600");
    assertThatThrownBy(() -> of(Map.of("BROWSERGRID_DEFAULT_POOL_MIN_IDLE", "-1")).defaultPoolMinIdle())
        .hasMessageContaining("BROWSERGRID_DEFAULT_POOL_MIN_IDLE");
  }
}
