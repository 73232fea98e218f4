package io.browsergrid.secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Variables a deployment may give as the name of a secret instead of a value: {@code X_FROM=name} means that
 * {@code X} is the value of the secret {@code name}. Terraform keeps the operator key and the deployment secret out
 * of the functions' configuration this way, and the URLs of functions that only exist once the functions do (a
 * function's own URL cannot be in its own configuration).
 */
public final class IndirectVariables {
  /** The variables that may be given through a secret. */
  public static final List<String> NAMES = List.of("BROWSERGRID_API_KEY", "BROWSERGRID_SECRET_KEY",
      "BROWSERGRID_PUBLIC_URL", "BROWSERGRID_AGENT_CALLBACK_URL");
  /** What names the secret of variable {@code X}: {@code X + SUFFIX}. */
  public static final String SUFFIX = "_FROM";

  private IndirectVariables() {}

  /** The secret each variable of {@link #NAMES} refers to in {@code source}, by variable; empty when none does. */
  public static Map<String, String> references(Function<String, String> source) {
    Map<String, String> references = new LinkedHashMap<>();
    for (String name : NAMES) {
      String secret = source.apply(name + SUFFIX);
      if (secret == null || secret.isBlank()) {
        continue;
      }
      String direct = source.apply(name);
      if (direct != null && !direct.isBlank()) {
        throw new IllegalArgumentException(name + " and " + name + SUFFIX + " are both set: set one");
      }
      references.put(name, secret.trim());
    }
    return references;
  }

  /**
   * {@code source} with every variable that refers to a secret answered by that secret's value, all read in one call
   * of the reader {@code reader} supplies (not asked for when nothing refers to a secret).
   *
   * @throws IllegalArgumentException when a variable is set both ways
   * @throws IllegalStateException    from the reader, naming the secrets that could not be read
   */
  public static Function<String, String> resolved(Function<String, String> source, Supplier<SecretReader> reader) {
    Map<String, String> references = references(source);
    if (references.isEmpty()) {
      return source;
    }
    Map<String, String> secrets = reader.get().read(new TreeSet<>(references.values()));
    Map<String, String> values = new LinkedHashMap<>();
    references.forEach((name, secret) -> {
      String value = secrets.get(secret);
      if (value == null) {
        throw new IllegalStateException("the secret " + secret + " named by " + name + SUFFIX + " was not read");
      }
      values.put(name, value);
    });
    return name -> values.containsKey(name) ? values.get(name) : source.apply(name);
  }

  /** The names of the secrets {@code source} refers to. */
  public static Set<String> secrets(Function<String, String> source) {
    return new TreeSet<>(references(source).values());
  }
}
