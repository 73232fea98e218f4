package io.browsergrid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Derives one key per purpose from the deployment's secret (HMAC-SHA256 of the purpose), so no key serves two jobs. */
final class SecretKeys {
  private final byte[] master;

  SecretKeys(byte[] master) {
    if (master.length < 32) {
      throw new IllegalArgumentException("the secret key must be at least 32 bytes");
    }
    this.master = master.clone();
  }

  byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
