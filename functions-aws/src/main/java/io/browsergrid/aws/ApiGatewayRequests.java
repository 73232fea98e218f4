package io.browsergrid.aws;

import io.browsergrid.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an API Gateway HTTP API event (payload format 2.0, which Lambda function URLs send too) into the core's
 * {@link HttpRequest}: the method, the path without a named stage's prefix, every query parameter (repeated ones
 * included, read from {@code rawQueryString}), headers by lower-case name (the {@code cookies} array joined back into
 * {@code cookie}) and the body, base64-decoded when the event says so.
 *
 * <p>It reads the event as the JSON object Spring Cloud Function parses it into (a {@code Map}) rather than as the
 * Lambda events library's {@code APIGatewayV2HTTPEvent}: that library's serializer costs about 80 ms of a cold start.
 */
public final class ApiGatewayRequests {
  private static final String DEFAULT_STAGE = "$default";

  /**
   * The core request for {@code event}.
   *
   * @throws IllegalArgumentException when the event has no method, a percent escape is malformed, or its base64 body
   *     does not decode
   */
  public HttpRequest toCore(Map<String, ?> event) {
    Map<String, ?> context = object(event, "requestContext");
    return new HttpRequest(method(context), path(event, context), query(event), headers(event), body(event));
  }

  private static String method(Map<String, ?> context) {
    String method = text(object(context, "http"), "method");
    if (method == null) {
      throw new IllegalArgumentException("the event has no requestContext.http.method");
    }
    return method.toUpperCase(Locale.ROOT);
  }

  private static String path(Map<String, ?> event, Map<String, ?> context) {
    String raw = text(event, "rawPath");
    raw = raw == null || raw.isEmpty() ? "/" : raw;
    String stage = text(context, "stage");
    if (stage != null && !stage.equals(DEFAULT_STAGE)) {
      String prefix = "/" + stage;
      if (raw.equals(prefix)) {
        raw = "/";
      } else if (raw.startsWith(prefix + "/")) {
        raw = raw.substring(prefix.length());
      }
    }
    return decodePath(raw);
  }

  private static Map<String, List<String>> query(Map<String, ?> event) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = text(event, "rawQueryString");
    if (raw == null || raw.isEmpty()) {
      object(event, "queryStringParameters").forEach((name, value) -> query.put(name, List.of(String.valueOf(value))));
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static Map<String, String> headers(Map<String, ?> event) {
    Map<String, String> headers = new LinkedHashMap<>();
    object(event, "headers").forEach((name, value) -> {
      if (value != null) {
        headers.put(name.toLowerCase(Locale.ROOT), String.valueOf(value));
      }
    });
    if (event.get("cookies") instanceof List<?> cookies && !cookies.isEmpty()) {
      headers.put("cookie", String.join("; ", cookies.stream().map(String::valueOf).toList()));
    }
    return headers;
  }

  private static byte[] body(Map<String, ?> event) {
    String body = text(event, "body");
    if (body == null) {
      return new byte[0];
    }
    if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
      return Base64.getDecoder().decode(body);
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** The object under {@code name}, or an empty map when it is missing or not an object. */
  @SuppressWarnings("unchecked")
  private static Map<String, ?> object(Map<String, ?> parent, String name) {
    return parent != null && parent.get(name) instanceof Map<?, ?> child ? (Map<String, ?>) child : Map.of();
  }

  private static String text(Map<String, ?> parent, String name) {
    return parent.get(name) instanceof String value ? value : null;
  }

  private static String decodePath(String raw) {
    // URLDecoder would turn '+' into a space, which is form encoding, not path encoding
    return raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String decodeQuery(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }
}
