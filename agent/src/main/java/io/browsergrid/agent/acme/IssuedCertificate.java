package io.browsergrid.agent.acme;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A certificate the agent holds: its chain (leaf first) and the leaf's private key.
 *
 * @param chain the leaf and its intermediates, as the CA sent them
 * @param key   the leaf's private key, made by the agent and never sent anywhere
 */
public record IssuedCertificate(List<X509Certificate> chain, PrivateKey key) {
  public IssuedCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain has a leaf");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** True while {@code now} lies within the leaf's validity. */
  public boolean validAt(Instant now) {
    return !now.isBefore(leaf().getNotBefore().toInstant()) && now.isBefore(notAfter());
  }

  /** When to renew: once two thirds of the leaf's lifetime have passed (Let's Encrypt's advice without ARI). */
  public Instant renewAt() {
    Instant notBefore = leaf().getNotBefore().toInstant();
    return notBefore.plus(Duration.between(notBefore, notAfter()).multipliedBy(2).dividedBy(3));
  }
}
