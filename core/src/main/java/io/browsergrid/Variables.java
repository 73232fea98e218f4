package io.browsergrid;

import io.browsergrid.admission.AdmissionSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Reads settings from environment-like variables (the environment, or flags mapped onto the same names) for every
 * deployable: standalone, the cloud functions and the browser agent. Every failure is an
 * {@link IllegalArgumentException} naming the variable.
 */
public final class Variables {
  private static final String SECRET_KEY = "BROWSERGRID_SECRET_KEY";
  private static final String DEFAULT_POOL_MIN_IDLE = "BROWSERGRID_DEFAULT_POOL_MIN_IDLE";
  private final Function<String, String> source;

  /** @param source a variable's value by name, null when unset ({@code System::getenv}, {@code map::get}) */
  public Variables(Function<String, String> source) {
    this.source = source;
  }

  /** The value; throws when unset or blank. */
  public String required(String name) {
    return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
  }

  /** The trimmed value, empty when unset or blank. */
  public Optional<String> optional(String name) {
    String value = source.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** An integer in {@code min..max}, {@code fallback} when unset; throws when malformed or out of range. */
  public int integer(String name, int fallback, int min, int max) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // the message below names the variable
    }
    throw new IllegalArgumentException(name + " must be an integer between " + min + " and " + max + ": "
        + value.get());
  }

  /** {@code true} or {@code false}, {@code fallback} when unset; throws for anything else. */
  public boolean bool(String name, boolean fallback) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false: " + value.get());
    };
  }

  /** A comma-separated list, blanks dropped; empty when unset. */
  public List<String> list(String name) {
    return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /**
   * {@code BROWSERGRID_SECRET_KEY}: base64 of at least 32 bytes (CDP tokens and the encryption of webhook secrets
   * derive from it), empty when unset.
   *
   * @throws IllegalArgumentException when it is set but not base64 of at least 32 bytes
   */
  public Optional<byte[]> secretKey() {
    return optional(SECRET_KEY).map(base64 -> {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        key = new byte[0];
      }
      if (key.length < 32) {
        throw new IllegalArgumentException(SECRET_KEY + " must be base64 of at least 32 bytes "
            + "(e.g. openssl rand -base64 32)");
      }
      return key;
    });
  }

  /**
   * {@code BROWSERGRID_DEFAULT_POOL_MIN_IDLE} (0..100): the shared pool's warm browsers, set at every start when
   * present; empty when unset.
   */
  public OptionalInt defaultPoolMinIdle() {
    return optional(DEFAULT_POOL_MIN_IDLE).isPresent()
        ? OptionalInt.of(integer(DEFAULT_POOL_MIN_IDLE, 0, 0, 100))
        : OptionalInt.empty();
  }

  /** {@code BROWSERGRID_START_TIMEOUT_SECONDS} (5..600, default 60): how long a browser may take to answer CDP. */
  public Duration startTimeout() {
    return Duration.ofSeconds(integer("BROWSERGRID_START_TIMEOUT_SECONDS", 60, 5, 600));
  }

  /**
   * {@code BROWSERGRID_MAX_STARTING} (cold starts at once, default {@code defaultMaxStarting}) and
   * {@code BROWSERGRID_MAX_QUEUE_SECONDS} (the longest expected wait for a turn before a create is refused, default
   * 30), the same in every deployable.
   *
   * @throws IllegalArgumentException naming a malformed or out-of-range value
   */
  public AdmissionSettings admission(int defaultMaxStarting) {
    return new AdmissionSettings(integer("BROWSERGRID_MAX_STARTING", defaultMaxStarting, 1, 1000),
        Duration.ofSeconds(integer("BROWSERGRID_MAX_QUEUE_SECONDS", 30, 1, 600)));
  }
}
