package io.browsergrid.browser;

import java.util.List;

/**
 * A client's own upstream proxy for its browser's traffic, chained behind the server's egress policy (the proxy's
 * own address must pass it; what lies behind the proxy is the proxy's business). Validated: scheme http, https or
 * socks5, a host, a port. The credentials are a secret: {@link #toString()} leaves them out, answers and events never
 * carry them.
 *
 * @param scheme   {@code http}, {@code https} or {@code socks5}
 * @param host     the proxy's host name or IP literal (IPv6 without brackets)
 * @param port     its port
 * @param username the user name, or null
 * @param password the password, or null
 * @param bypass   host patterns ({@code example.com}, {@code *.example.com}) reached without the proxy
 */
public record BrowserProxy(String scheme, String host, int port, String username, String password,
    List<String> bypass) {
  public BrowserProxy {
    bypass = bypass == null ? List.of() : List.copyOf(bypass);
  }

  /** True when traffic to {@code targetHost} skips the proxy: a pattern matches it exactly or as a subdomain. */
  public boolean bypasses(String targetHost) {
    String host = targetHost.toLowerCase(java.util.Locale.ROOT);
    for (String pattern : bypass) {
      String p = pattern.toLowerCase(java.util.Locale.ROOT);
      if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
        return true;
      }
    }
    return false;
  }

  /** The server URL without credentials: {@code scheme://host:port}, what answers may show. */
  public String publicServer() {
    return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return scheme + "://" + (username == null ? "" : "***@") + host + ":" + port + " bypass " + bypass;
  }
}
