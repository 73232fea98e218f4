package io.browsergrid.agent.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs callback bodies the way the control plane's {@code AgentSignatures} checks them:
 * {@code v1=<base64 HMAC-SHA256(session token, timestamp + "." + body)>}. Thread-safe.
 */
final class CallbackSignature {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "v1=";

  private final SecretKeySpec key;

  /** @param sessionToken the session's CDP token, which only this container and the control plane hold */
  CallbackSignature(String sessionToken) {
    this.key = new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@code X-BrowserGrid-Signature} value for {@code body} sent at {@code timestamp} (epoch seconds). */
  String sign(long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return VERSION + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
