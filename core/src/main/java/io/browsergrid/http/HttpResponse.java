package io.browsergrid.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer as the core gives it back to an edge.
 *
 * @param status  the HTTP status
 * @param headers response headers (Content-Type included)
 * @param body    the body bytes
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  public HttpResponse {
    headers = Map.copyOf(headers);
  }

  /** This response with one more header. */
  public HttpResponse withHeader(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(headers);
    next.put(name, value);
    return new HttpResponse(status, next, body);
  }

  public static HttpResponse json(int status, byte[] body) {
    return new HttpResponse(status, Map.of("Content-Type", "application/json"), body);
  }

  public static HttpResponse text(int status, String contentType, String body) {
    return new HttpResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  public static HttpResponse empty(int status) {
    return new HttpResponse(status, Map.of(), new byte[0]);
  }
}
