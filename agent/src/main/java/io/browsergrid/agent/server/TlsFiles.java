package io.browsergrid.agent.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** The TLS context of an agent's PEM files, refused when the certificate is not valid now. */
final class TlsFiles {
  private TlsFiles() {}

  /**
   * The server context of {@code tls}.
   *
   * @throws IOException when the files are unusable or the certificate is expired or not yet valid at {@code now}
   */
  static SslContext load(AgentConfig.Tls tls, Instant now) throws IOException {
    X509Certificate leaf;
    try (InputStream in = Files.newInputStream(tls.certificateChain())) {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException e) {
      throw new IOException("unreadable certificate " + tls.certificateChain() + ": " + e.getMessage(), e);
    }
    if (now.isBefore(leaf.getNotBefore().toInstant()) || !now.isBefore(leaf.getNotAfter().toInstant())) {
      throw new IOException("the TLS certificate " + tls.certificateChain() + " is not valid now: "
          + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant());
    }
    return SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile()).build();
  }
}
