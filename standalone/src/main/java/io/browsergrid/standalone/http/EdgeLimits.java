package io.browsergrid.standalone.http;

import java.time.Duration;

/**
 * What the HTTP edge holds at most, so unauthenticated clients cannot exhaust the server.
 *
 * @param requestTimeout how long a connection may take to send a whole request, and may idle between requests
 *                       ({@code BROWSERGRID_HTTP_REQUEST_TIMEOUT_SECONDS}, default 60)
 * @param maxConnections open connections, CDP WebSockets included; one more is answered 503 and closed
 *                       ({@code BROWSERGRID_MAX_CONNECTIONS}, default 4096)
 * @param bodyBytes      request body bytes all connections together may hold while they arrive; a request that would
 *                       pass it is answered 503 with {@code Retry-After} (a quarter of the heap)
 */
public record EdgeLimits(Duration requestTimeout, int maxConnections, long bodyBytes) {
  public static EdgeLimits defaults() {
    return new EdgeLimits(Duration.ofSeconds(60), 4096, Runtime.getRuntime().maxMemory() / 4);
  }
}
