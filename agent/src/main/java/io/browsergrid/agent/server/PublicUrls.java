package io.browsergrid.agent.server;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The WebSocket URL clients should use for this agent's {@code /cdp}: from the configured public URL when there is
 * one, else from the scheme the client used and its {@code Host} header.
 */
final class PublicUrls {
  // a host name, IPv4 or bracketed IPv6 address, with an optional port: anything else is not echoed back
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

  private final String configuredBase;

  /** @param publicUrl {@code ws(s)://} or {@code http(s)://} base, or {@code null} to derive it per request */
  PublicUrls(URI publicUrl) {
    this.configuredBase = publicUrl == null ? null : webSocketBase(publicUrl);
  }

  /**
   * {@code <base>/cdp?token=<token>}, the base being the configured one, else {@code ws(s)://<host>} where
   * {@code host} is the request's {@code Host} header, or {@code fallbackHost} when that is missing or malformed.
   */
  String cdpUrl(String token, boolean secure, String hostHeader, String fallbackHost) {
    String base = configuredBase;
    if (base == null) {
      String host = hostHeader != null && HOST.matcher(hostHeader).matches() ? hostHeader : fallbackHost;
      base = (secure ? "wss://" : "ws://") + host;
    }
    return base + "/cdp?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /** {@code url} as a WebSocket base without a trailing slash; throws for schemes other than http(s) and ws(s). */
  static String webSocketBase(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String wsScheme = switch (scheme) {
      case "ws", "http" -> "ws";
      case "wss", "https" -> "wss";
      default -> throw new IllegalArgumentException("not an http(s) or ws(s) URL: " + url);
    };
    if (url.getRawAuthority() == null) {
      throw new IllegalArgumentException("no host in " + url);
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return wsScheme + "://" + url.getRawAuthority() + path;
  }
}
