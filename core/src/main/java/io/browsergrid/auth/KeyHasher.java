package io.browsergrid.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API keys ({@code bg_} + 32 random bytes, base64url) and hashes them. A plain SHA-256 is right here: the keys
 * carry 256 bits of entropy, so there is nothing to brute-force that a slow hash would protect.
 */
public final class KeyHasher {
  private static final String PREFIX = "bg_";
  private final SecureRandom random;

  public KeyHasher(SecureRandom random) {
    this.random = random;
  }

  /** A new random key. */
  public String newKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Hex SHA-256 of {@code key}. */
  public String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Compares two hashes in constant time. */
  public boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  /** The public id of a key with this hash. */
  public String idOf(String hash) {
    return "key_" + hash.substring(0, 16);
  }
}
