package io.browsergrid.agent.egress;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Where a browser asked its proxy to go.
 *
 * @param host   the host name or IP literal (IPv6 without brackets)
 * @param port   the port
 * @param tunnel true for {@code CONNECT} (TLS, WebSockets), false for a plain {@code http://} request
 * @param path   the origin-form path and query of a plain request, null for a tunnel
 */
record Destination(String host, int port, boolean tunnel, String path) {
  /** What {@code request} asks for, or empty when it is neither a {@code CONNECT} nor an absolute http URL. */
  static Optional<Destination> of(HttpRequest request) {
    try {
      if (HttpMethod.CONNECT.equals(request.method())) {
        URI authority = new URI("tunnel://" + request.uri());
        if (authority.getHost() == null || authority.getPort() < 1) {
          return Optional.empty();
        }
        return Optional.of(new Destination(unbracket(authority.getHost()), authority.getPort(), true, null));
      }
      URI url = new URI(request.uri());
      if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
        return Optional.empty();
      }
      String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
          + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      return Optional.of(new Destination(unbracket(url.getHost()), url.getPort() < 0 ? 80 : url.getPort(), false,
          path));
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String unbracket(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }
}
