package io.browsergrid.agent.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks a presented session token against the configured one in constant time: both are hashed first, so neither
 * their contents nor their lengths shape how long the comparison takes. Thread-safe.
 */
final class TokenCheck {
  private final byte[] expected;

  TokenCheck(String token) {
    this.expected = digest(token);
  }

  /** True when {@code presented} is the session token; false for {@code null}. */
  boolean accepts(String presented) {
    return presented != null && MessageDigest.isEqual(expected, digest(presented));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
