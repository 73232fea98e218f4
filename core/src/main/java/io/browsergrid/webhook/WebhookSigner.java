package io.browsergrid.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries the Standard Webhooks way: {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body},
 * keyed with the base64-decoded part of a {@code whsec_} secret. Immutable and thread-safe.
 */
public final class WebhookSigner {
  /** The prefix every secret carries. */
  public static final String PREFIX = "whsec_";
  static final int MIN_KEY_BYTES = 24;
  static final int MAX_KEY_BYTES = 64;
  private static final int NEW_KEY_BYTES = 32;

  private final byte[] key;

  /**
   * A signer for {@code secret}.
   *
   * @throws IllegalArgumentException unless {@link #validSecret(String)} holds for {@code secret}
   */
  public WebhookSigner(String secret) {
    if (!validSecret(secret)) {
      throw new IllegalArgumentException(
          "a webhook secret is whsec_ followed by base64 of " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
    }
    this.key = decode(secret);
  }

  /** A new secret: {@code whsec_} + base64 of 32 bytes from {@code random}. */
  public static String newSecret(SecureRandom random) {
    byte[] bytes = new byte[NEW_KEY_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether {@code secret} is {@code whsec_} + standard base64 of 24 to 64 bytes; never throws. */
  public static boolean validSecret(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return false;
    }
    byte[] key = decode(secret);
    return key != null && key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES;
  }

  /**
   * The {@code webhook-signature} value for one message: {@code v1,<base64>}.
   *
   * @throws IllegalArgumentException when {@code msgId} is blank
   */
  public String signature(String msgId, long timestamp, byte[] body) {
    if (msgId == null || msgId.isBlank()) {
      throw new IllegalArgumentException("the message id is blank");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
    }
  }

  /**
   * The three Standard Webhooks headers for one message, in order: {@code webhook-id}, {@code webhook-timestamp}
   * (unix seconds) and {@code webhook-signature}.
   *
   * @throws IllegalArgumentException when {@code msgId} is blank
   */
  public Map<String, String> headers(String msgId, long timestamp, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", msgId);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signature(msgId, timestamp, body));
    return headers;
  }

  private static byte[] decode(String secret) {
    try {
      return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
