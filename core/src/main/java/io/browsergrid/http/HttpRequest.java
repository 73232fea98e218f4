package io.browsergrid.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request as every edge hands it to the core: the standalone server, and each cloud's function adapter.
 *
 * @param method  upper-case HTTP method
 * @param path    the decoded path, without the query
 * @param query   query parameters, decoded
 * @param headers header names in lower case; one value each (the first)
 * @param body    the raw body, empty when none
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
    byte[] body) {

  public HttpRequest {
    query = query == null ? Map.of() : Map.copyOf(query);
    headers = headers == null ? Map.of() : headers.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
            (a, b) -> a));
    body = body == null ? new byte[0] : body;
  }

  /** A header's value by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The first value of query parameter {@code name}, or null. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
