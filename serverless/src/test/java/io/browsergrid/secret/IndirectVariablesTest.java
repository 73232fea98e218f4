package io.browsergrid.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IndirectVariablesTest {
  private final List<Set<String>> reads = new CopyOnWriteArrayList<>();
  private final Map<String, String> store = new HashMap<>(Map.of(
      "/bg/operator-key", "bg_operator", "/bg/secret-key", "c2VjcmV0", "/bg/public-url", "https://api.example"));

  private SecretReader reader() {
    return names -> {
      reads.add(names);
      Map<String, String> found = new HashMap<>();
      names.forEach(name -> {
        if (!store.containsKey(name)) {
          throw new IllegalStateException("not found: " + name);
        }
        found.put(name, store.get(name));
      });
      return found;
    };
  }

  @Test
  void variablesGivenAsSecretsAreAnsweredByTheirValuesReadInOneCall() {
    Map<String, String> env = Map.of("BROWSERGRID_API_KEY_FROM", "/bg/operator-key",
        "BROWSERGRID_SECRET_KEY_FROM", "/bg/secret-key", "BROWSERGRID_PUBLIC_URL_FROM", "/bg/public-url",
        "BROWSERGRID_TABLE", "sessions");

    Function<String, String> resolved = IndirectVariables.resolved(env::get, this::reader);

    assertThat(resolved.apply("BROWSERGRID_API_KEY")).isEqualTo("bg_operator");
    assertThat(resolved.apply("BROWSERGRID_SECRET_KEY")).isEqualTo("c2VjcmV0");
    assertThat(resolved.apply("BROWSERGRID_PUBLIC_URL")).isEqualTo("https://api.example");
    assertThat(resolved.apply("BROWSERGRID_TABLE")).isEqualTo("sessions");
    assertThat(resolved.apply("BROWSERGRID_AGENT_CALLBACK_URL")).isNull();
    assertThat(reads).containsExactly(Set.of("/bg/operator-key", "/bg/secret-key", "/bg/public-url"));
  }

  @Test
  void noReaderIsAskedForWhenNothingRefersToASecret() {
    Map<String, String> env = Map.of("BROWSERGRID_API_KEY", "bg_direct");

    Function<String, String> resolved = IndirectVariables.resolved(env::get, () -> {
      throw new AssertionError("no secret store needed");
    });

    assertThat(resolved.apply("BROWSERGRID_API_KEY")).isEqualTo("bg_direct");
    assertThat(IndirectVariables.secrets(env::get)).isEmpty();
  }

  @Test
  void aVariableSetBothWaysIsRefusedByName() {
    Map<String, String> env = Map.of("BROWSERGRID_API_KEY", "bg_direct", "BROWSERGRID_API_KEY_FROM", "/bg/operator-key");

    assertThatThrownBy(() -> IndirectVariables.resolved(env::get, this::reader))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BROWSERGRID_API_KEY and BROWSERGRID_API_KEY_FROM are both set");
    assertThat(reads).isEmpty();
  }

  @Test
  void aMissingSecretFailsNamingIt() {
    Map<String, String> env = Map.of("BROWSERGRID_SECRET_KEY_FROM", "/bg/gone");

    assertThatThrownBy(() -> IndirectVariables.resolved(env::get, this::reader))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/bg/gone");
  }

  @Test
  void aReaderThatLeavesASecretOutFailsNamingTheVariable() {
    Map<String, String> env = Map.of("BROWSERGRID_PUBLIC_URL_FROM", "/bg/public-url");

    assertThatThrownBy(() -> IndirectVariables.resolved(env::get, () -> names -> Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/bg/public-url").hasMessageContaining("BROWSERGRID_PUBLIC_URL_FROM");
  }
}
