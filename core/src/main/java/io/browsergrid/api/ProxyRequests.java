package io.browsergrid.api;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a create's or a pool's {@code proxy} field: {@code {"server": "http://user:pass@host:port", "bypass":
 * ["*.example.com"]}}, schemes http, https and socks5, a host and a port, nothing else. Errors never repeat the
 * server URL (it may hold a password).
 */
final class ProxyRequests {
  private static final Set<String> SCHEMES = Set.of("http", "https", "socks5");
  private static final Pattern HOST_PATTERN = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})"
      + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");
  private static final int MAX_BYPASS = 32;

  private ProxyRequests() {}

  /** The options with the proxy read from {@code f}'s {@code proxy} field, when there is one. */
  static BrowserOptions withProxy(BrowserOptions options, JsonFields f) {
    Optional<BrowserProxy> proxy = f.object("proxy").map(ProxyRequests::proxy);
    return proxy.map(p -> new BrowserOptions(options.headless(), options.viewport(), options.args(),
        options.userAgent(), p)).orElse(options);
  }

  private static BrowserProxy proxy(JsonFields p) {
    Optional<String> server = p.string("server", 1024, Pattern.compile("[\\x21-\\x7e]+"),
        "a URL such as http://user:pass@host:port");
    List<String> bypass = p.strings("bypass", MAX_BYPASS, ProxyRequests::bypassRefusal).orElse(List.of());
    p.rejectUnknown();
    if (server.isEmpty()) {
      if (!p.has("server")) {
        p.error("server", "is required with a proxy");
      }
      return null;
    }
    try {
      URI url = new URI(server.get());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!SCHEMES.contains(scheme)) {
        p.error("server", "must use http, https or socks5");
        return null;
      }
      if (url.getHost() == null || url.getPort() < 1 || url.getPort() > 65535) {
        p.error("server", "must name a host and a port (scheme://host:port)");
        return null;
      }
      if ((url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath()))
          || url.getRawQuery() != null || url.getRawFragment() != null) {
        p.error("server", "must have no path, query or fragment");
        return null;
      }
      String user = null;
      String password = null;
      if (url.getRawUserInfo() != null) {
        String info = url.getRawUserInfo();
        int colon = info.indexOf(':');
        user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
        password = colon < 0 ? null : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
        if (user.isEmpty() || user.length() > 255 || (password != null && password.length() > 255)) {
          p.error("server", "must have a user name (and password) of at most 255 characters each");
          return null;
        }
      }
      String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
          : url.getHost();
      return new BrowserProxy(scheme, host, url.getPort(), user, password, bypass);
    } catch (URISyntaxException | IllegalArgumentException e) {
      p.error("server", "must be a valid URL such as http://user:pass@host:port");
      return null;
    }
  }

  private static Optional<String> bypassRefusal(String pattern) {
    return pattern.length() <= 253 && HOST_PATTERN.matcher(pattern).matches() ? Optional.empty()
        : Optional.of("must be a host name or *.domain");
  }
}
