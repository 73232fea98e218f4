package io.browsergrid.gcp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * Google's ID-token issuer as far as a function can tell: a JWKS endpoint on loopback with an RSA key of its own,
 * and RS256 tokens signed with it carrying Google's issuer, an audience and a service account's verified email, as
 * Cloud Scheduler and Pub/Sub push send them. Point {@code BROWSERGRID_OIDC_CERTS_URL} at {@link #certificatesUrl}.
 */
public final class TestOidc implements AutoCloseable {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private final KeyPair keys;
  private final HttpServer server;

  public TestOidc() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
      RSAPublicKey key = (RSAPublicKey) keys.getPublic();
      byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"test-key\",\"n\":\""
          + URL.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
          + URL.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}")
          .getBytes(StandardCharsets.UTF_8);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/certs", exchange -> {
        try (exchange) {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
        }
      });
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String certificatesUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
  }

  /** {@code Bearer <token>} for {@code email} calling {@code audience}, valid for an hour. */
  public String bearer(String audience, String email) {
    return "Bearer " + token(InvokerCheck.GOOGLE_ISSUER, audience, email, Instant.now().plusSeconds(3600), keys);
  }

  /** A token as {@link #bearer} makes, with every claim and the signing key chosen by the test. */
  public String token(String issuer, String audience, String email, Instant expires, KeyPair signer) {
    String header = "{\"alg\":\"RS256\",\"kid\":\"test-key\",\"typ\":\"JWT\"}";
    long now = Instant.now().getEpochSecond();
    String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"1234567890\",\"email\":\""
        + email + "\",\"email_verified\":true,\"iat\":" + Math.min(now, expires.getEpochSecond() - 60)
        + ",\"exp\":" + expires.getEpochSecond() + "}";
    String signed = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(signer.getPrivate());
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This issuer's own keys. */
  public KeyPair keys() {
    return keys;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static byte[] unsigned(byte[] twosComplement) {
    if (twosComplement.length > 1 && twosComplement[0] == 0) {
      byte[] trimmed = new byte[twosComplement.length - 1];
      System.arraycopy(twosComplement, 1, trimmed, 0, trimmed.length);
      return trimmed;
    }
    return twosComplement;
  }
}
