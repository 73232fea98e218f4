package io.browsergrid.api;

/**
 * Where clients reach this deployment, for the URLs the API hands out.
 *
 * @param http base of HTTP URLs, e.g. {@code http://127.0.0.1:8080} (no trailing slash)
 * @param ws   base of WebSocket URLs, e.g. {@code ws://127.0.0.1:8080}
 */
public record PublicUrls(String http, String ws) {
  /** The URLs of a server listening on {@code host:port} without TLS. */
  public static PublicUrls plain(String host, int port) {
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    return new PublicUrls("http://" + authority, "ws://" + authority);
  }
}
