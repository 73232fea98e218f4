package io.browsergrid.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-session token in a {@code cdpUrl}: HMAC-SHA256 of the session id under the deployment's secret. Nothing is
 * stored, the proxy checks it without a store read, and a changed id or token never verifies.
 */
public final class CdpTokens {
  private final SecretKeySpec key;

  /** @param secret at least 32 bytes of the deployment's secret */
  public CdpTokens(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the CDP token secret must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** The token for {@code sessionId}. */
  public String token(String sessionId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(sessionId));
  }

  /** True when {@code token} is the one for {@code sessionId}; compares in constant time. */
  public boolean verify(String sessionId, String token) {
    if (token == null || sessionId == null) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    return MessageDigest.isEqual(mac(sessionId), given);
  }

  private byte[] mac(String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(("cdp:" + sessionId).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
