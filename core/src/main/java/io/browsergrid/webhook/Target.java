package io.browsergrid.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A webhook URL that {@link AddressGuard#check} accepted, with the address it checked; connect to {@code address} and
 * to nothing else, so a second DNS answer cannot swap in another host.
 *
 * @param url the webhook URL as subscribed
 * @param host the host name, or the IP literal without brackets; used for {@code Host}, SNI and certificate checks
 * @param port the port, the scheme's default when the URL has none
 * @param https whether to speak TLS
 * @param address the checked address to connect to
 */
public record Target(URI url, String host, int port, boolean https, InetAddress address) {
  public Target {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** The circuit-breaker key of this target: {@code scheme://host:port}, lower case. */
  public String endpoint() {
    return (https ? "https://" : "http://") + host.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** Whether the port is the scheme's default, so {@code Host} carries no port. */
  public boolean defaultPort() {
    return port == (https ? 443 : 80);
  }
}
