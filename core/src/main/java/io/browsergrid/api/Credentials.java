package io.browsergrid.api;

import io.browsergrid.http.HttpRequest;

/** Finds the API key a request presents: {@code Authorization: Bearer}, {@code X-API-Key}, or (where allowed) {@code ?apiKey=}. */
final class Credentials {
  private Credentials() {}

  static String key(HttpRequest request, boolean queryAllowed) {
    String authorization = request.header("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    String header = request.header("x-api-key");
    if (header != null) {
      return header.trim();
    }
    return queryAllowed ? request.queryParam("apiKey") : null;
  }

  /** CDP clients cannot always set headers, so discovery and WebSocket URLs may carry the key in the query. */
  static boolean queryKeyAllowed(String path) {
    return path.startsWith("/connect") || path.endsWith("/json/version") || path.endsWith("/json/version/")
        || path.endsWith("/cdp");
  }
}
