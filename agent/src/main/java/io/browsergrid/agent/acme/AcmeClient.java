package io.browsergrid.agent.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Obtains one certificate by ACME over http-01 (acme4j): a fresh account (each agent is short-lived and has an
 * address of its own), an order for the identifier in the configured profile where the server offers it, each
 * challenge answered by the {@link ChallengeServer}, a new key pair for the certificate. Blocking; thread-safe.
 */
final class AcmeClient {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  static {
    // acme4j signs with BouncyCastle's EC implementation
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private final AcmeSettings settings;
  private final ChallengeServer challenges;

  AcmeClient(AcmeSettings settings, ChallengeServer challenges) {
    this.settings = settings;
    this.challenges = challenges;
  }

  /**
   * A certificate for the configured identifier (or the public IP the lookup answers).
   *
   * @throws IOException naming the step that failed: the lookup, the account, a challenge the CA found invalid,
   *                     the order
   */
  IssuedCertificate obtain() throws IOException {
    try {
      Session session = new Session(settings.directory(), provider());
      Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
          .create(session);
      String identifier = identifier();
      OrderBuilder builder = account.newOrder().identifier(isIp(identifier) ? Identifier.ip(identifier)
          : Identifier.dns(identifier));
      if (settings.profile() != null && session.getMetadata().isProfileAllowed(settings.profile())) {
        builder.profile(settings.profile());
      }
      Order order = builder.create();
      for (Authorization authorization : order.getAuthorizations()) {
        authorize(authorization);
      }
      if (order.waitUntilReady(WAIT) != Status.READY) {
        throw new IOException("the ACME order for " + identifier + " did not become ready: " + problem(order));
      }
      KeyPair key = KeyPairUtils.createKeyPair(2048);
      order.execute(key);
      if (order.waitForCompletion(WAIT) != Status.VALID) {
        throw new IOException("the ACME order for " + identifier + " failed: " + problem(order));
      }
      return new IssuedCertificate(order.getCertificate().getCertificateChain(), key.getPrivate());
    } catch (AcmeException e) {
      throw new IOException("ACME: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while obtaining a certificate", e);
    }
  }

  private void authorize(Authorization authorization) throws AcmeException, InterruptedException, IOException {
    if (authorization.getStatus() == Status.VALID) {
      return;
    }
    Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
        new IOException("the CA offers no http-01 challenge for " + authorization.getIdentifier()));
    challenges.offer(challenge.getToken(), challenge.getAuthorization());
    try {
      challenge.trigger();
      Status status = challenge.waitForCompletion(WAIT);
      if (status != Status.VALID) {
        throw new IOException("the CA found the http-01 challenge for " + authorization.getIdentifier().getValue()
            + " " + status + ": " + challenge.getError().map(Object::toString).orElse("no reason given"));
      }
    } finally {
      challenges.forget(challenge.getToken());
    }
  }

  private String identifier() throws IOException, InterruptedException {
    if (settings.identifier() != null) {
      return settings.identifier();
    }
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(settings.ipLookup())
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    String ip = answer.body().trim();
    if (answer.statusCode() != 200 || !isIp(ip) && !ip.contains(":")) {
      throw new IOException("no public IP from " + settings.ipLookup() + ": " + answer.statusCode());
    }
    return InetAddress.getByName(ip).getHostAddress();
  }

  private static boolean isIp(String identifier) {
    return IPV4.matcher(identifier).matches() || identifier.contains(":");
  }

  private static String problem(Order order) {
    return order.getError().map(Object::toString).orElse(order.getStatus().toString());
  }

  /** The generic provider, trusting the configured CA for the ACME server's own HTTPS when one is given. */
  private GenericAcmeProvider provider() throws IOException {
    if (settings.trustedCa() == null) {
      return new GenericAcmeProvider();
    }
    SSLContext tls = trusting(settings.trustedCa());
    return new GenericAcmeProvider() {
      @Override
      public HttpClient createHttpClient(NetworkSettings network) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(network.getTimeout()).proxy(network.getProxySelector()).sslContext(tls).build();
      }
    };
  }

  static SSLContext trusting(java.nio.file.Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509")
          .generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, (X509Certificate) certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + pem + ": " + e.getMessage(), e);
    }
  }
}
