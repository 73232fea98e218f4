package io.browsergrid.agent.acme;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an agent obtains its certificate by ACME.
 *
 * @param directory     the ACME directory ({@code https://acme-v02.api.letsencrypt.org/directory})
 * @param identifier    what to certify: the agent's public IP address (Fargate) or DNS name (Azure's
 *                      {@code <label>.<region>.azurecontainer.io}); null: the public IP {@code ipLookup} answers
 * @param ipLookup      a URL answering the caller's public IP as text, asked when {@code identifier} is null
 * @param challengePort the port the http-01 challenges are answered on (80 in the cloud)
 * @param trustedCa     a PEM file of the CA that signed the ACME server's own HTTPS certificate (a test ACME
 *                      server's), or null for the JDK's trust store
 * @param profile       the ACME profile to order ({@code shortlived}: Let's Encrypt issues IP certificates only in
 *                      it), used when the server offers it; null for the server's default
 */
public record AcmeSettings(URI directory, String identifier, URI ipLookup, int challengePort, Path trustedCa,
    String profile) {
  /** Where an agent learns its public IP unless told: AWS's own answer, reachable from any task with a public IP. */
  public static final URI DEFAULT_IP_LOOKUP = URI.create("https://checkip.amazonaws.com");
  /** Let's Encrypt's profile for IP-address certificates (about six days). */
  public static final String SHORT_LIVED = "shortlived";

  public AcmeSettings {
    Objects.requireNonNull(directory, "directory");
    if (!"https".equals(directory.getScheme())) {
      throw new IllegalArgumentException("the ACME directory must be an https URL: " + directory);
    }
    if (identifier == null && ipLookup == null) {
      throw new IllegalArgumentException("an ACME identifier or an IP lookup URL is needed");
    }
    if (challengePort < 1 || challengePort > 65535) {
      throw new IllegalArgumentException("challengePort must be 1..65535: " + challengePort);
    }
  }
}
