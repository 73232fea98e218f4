package io.browsergrid.api;

import io.browsergrid.http.JsonFields;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProxy;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a create's or a pool's {@code proxy} field: {@code {"server": "http://user:pass@host:port", "bypass":
 * ["*.example.com"]}}, schemes http, https and socks5, a host and a port, nothing else. Errors never repeat the
 * server URL (it may hold a password).
 */
final class ProxyRequests {
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
      return BrowserProxy.parse(server.get(), bypass);
    } catch (IllegalArgumentException e) {
      p.error("server", e.getMessage());
      return null;
    }
  }

  private static Optional<String> bypassRefusal(String pattern) {
    return pattern.length() <= 253 && HOST_PATTERN.matcher(pattern).matches() ? Optional.empty()
        : Optional.of("must be a host name or *.domain");
  }
}
