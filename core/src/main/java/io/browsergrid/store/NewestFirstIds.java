package io.browsergrid.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ids whose ascending key order is newest first: 12 hex digits of inverted creation time, a dash, 20 random hex
 * digits. Lists read keys ascending, which every store can do (Azure Tables cannot read backwards).
 */
public final class NewestFirstIds {
  private static final long MAX_MILLIS = 0xFFFF_FFFF_FFFFL;
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{12}-[0-9a-f]{20}");
  private final SecureRandom random;

  public NewestFirstIds(SecureRandom random) {
    this.random = random;
  }

  /** A new id for something created at {@code at}; unique with overwhelming probability. */
  public String next(Instant at) {
    byte[] bytes = new byte[10];
    random.nextBytes(bytes);
    return String.format("%012x", MAX_MILLIS - at.toEpochMilli()) + "-" + HexFormat.of().formatHex(bytes);
  }

  /** When the thing with this id was created (millisecond precision), or empty for a malformed id. */
  public static Optional<Instant> createdAt(String id) {
    if (!wellFormed(id)) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(MAX_MILLIS - Long.parseLong(id.substring(0, 12), 16)));
  }

  /** True when {@code id} has the shape of one of these ids. */
  public static boolean wellFormed(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}
