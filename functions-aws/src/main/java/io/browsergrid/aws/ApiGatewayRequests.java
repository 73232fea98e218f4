package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.browsergrid.api.HttpRequest;
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
 */
public final class ApiGatewayRequests {
  private static final String DEFAULT_STAGE = "$default";

  /**
   * The core request for {@code event}.
   *
   * @throws IllegalArgumentException when the event has no method, a percent escape is malformed, or its base64 body
   *     does not decode
   */
  public HttpRequest toCore(APIGatewayV2HTTPEvent event) {
    return new HttpRequest(method(event), path(event), query(event), headers(event), body(event));
  }

  private static String method(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    if (context == null || context.getHttp() == null || context.getHttp().getMethod() == null) {
      throw new IllegalArgumentException("the event has no requestContext.http.method");
    }
    return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
  }

  private static String path(APIGatewayV2HTTPEvent event) {
    String raw = event.getRawPath() == null || event.getRawPath().isEmpty() ? "/" : event.getRawPath();
    String stage = event.getRequestContext().getStage();
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

  private static Map<String, List<String>> query(APIGatewayV2HTTPEvent event) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = event.getRawQueryString();
    if (raw == null || raw.isEmpty()) {
      if (event.getQueryStringParameters() != null) {
        event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
      }
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

  private static Map<String, String> headers(APIGatewayV2HTTPEvent event) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    }
    List<String> cookies = event.getCookies();
    if (cookies != null && !cookies.isEmpty()) {
      headers.put("cookie", String.join("; ", cookies));
    }
    return headers;
  }

  private static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    if (event.getIsBase64Encoded()) {
      return Base64.getDecoder().decode(body);
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String decodePath(String raw) {
    // URLDecoder would turn '+' into a space, which is form encoding, not path encoding
    return raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String decodeQuery(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }
}
