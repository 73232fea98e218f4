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

  /**
   * Reads {@code http://user:pass@host:port} (http, https or socks5; user and password optional and percent-encoded;
   * no path, query or fragment). Throws {@link IllegalArgumentException} saying what is wrong, never repeating the
   * URL (it may hold a password).
   */
  public static BrowserProxy parse(String server, List<String> bypass) {
    java.net.URI url;
    try {
      url = new java.net.URI(server);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("must be a valid URL such as http://user:pass@host:port");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!java.util.Set.of("http", "https", "socks5").contains(scheme)) {
      throw new IllegalArgumentException("must use http, https or socks5");
    }
    if (url.getHost() == null || url.getPort() < 1 || url.getPort() > 65535) {
      throw new IllegalArgumentException("must name a host and a port (scheme://host:port)");
    }
    if ((url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath()))
        || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("must have no path, query or fragment");
    }
    String user = null;
    String password = null;
    if (url.getRawUserInfo() != null) {
      String info = url.getRawUserInfo();
      int colon = info.indexOf(':');
      user = java.net.URLDecoder.decode(colon < 0 ? info : info.substring(0, colon),
          java.nio.charset.StandardCharsets.UTF_8);
      password = colon < 0 ? null : java.net.URLDecoder.decode(info.substring(colon + 1),
          java.nio.charset.StandardCharsets.UTF_8);
      if (user.isEmpty() || user.length() > 255 || (password != null && password.length() > 255)) {
        throw new IllegalArgumentException("must have a user name (and password) of at most 255 characters each");
      }
    }
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
        : url.getHost();
    return new BrowserProxy(scheme, host, url.getPort(), user, password, bypass);
  }

  /** The server URL with its credentials, for handing to a browser's own agent; a secret. */
  public String url() {
    String auth = username == null ? "" : encode(username) + (password == null ? "" : ":" + encode(password)) + "@";
    return scheme + "://" + auth + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static String encode(String part) {
    return java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
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
