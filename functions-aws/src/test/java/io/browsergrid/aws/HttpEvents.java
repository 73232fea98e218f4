package io.browsergrid.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * HTTP API (payload 2.0) events for the ITs, made from the {@code http-api-v2-request.json} fixture with the
 * request's method, path, query, key and body put in, and the Lambda answers read back.
 */
final class HttpEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpEvents() {}

  /** A request with the operator key; {@code target} is the path with its query; {@code body} may be null. */
  static byte[] request(String method, String target, String body) {
    return event("http-api-v2-request.json", method, target, body, false, LambdaEnvironment.API_KEY);
  }

  /** The same, with the body base64-encoded as API Gateway sends binary bodies. */
  static byte[] base64Request(String method, String target, String body) {
    return event("http-api-v2-request.json", method, target, body, true, LambdaEnvironment.API_KEY);
  }

  /** {@code fixture} with the request put in; {@code apiKey} null sends none. */
  static byte[] event(String fixture, String method, String target, String body, boolean base64, String apiKey) {
    ObjectNode event = (ObjectNode) read(fixture);
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    event.put("rawPath", path);
    event.put("rawQueryString", q < 0 ? "" : target.substring(q + 1));
    event.remove("queryStringParameters");
    ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
    http.put("method", method.toUpperCase(Locale.ROOT));
    http.put("path", path);
    ObjectNode headers = (ObjectNode) event.get("headers");
    if (apiKey != null) {
      headers.put("authorization", "Bearer " + apiKey);
    }
    if (body == null) {
      event.remove("body");
      event.put("isBase64Encoded", false);
    } else {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      headers.put("content-type", "application/json");
      headers.put("content-length", Integer.toString(bytes.length));
      event.put("body", base64 ? Base64.getEncoder().encodeToString(bytes) : body);
      event.put("isBase64Encoded", base64);
    }
    return bytes(event);
  }

  static JsonNode read(String fixture) {
    try (InputStream in = Events.bytes(fixture)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the handler wrote for an HTTP event. */
  static Reply reply(byte[] output) {
    try {
      return new Reply(JSON.readTree(output));
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON answer: " + new String(output, StandardCharsets.UTF_8), e);
    }
  }

  /** A Lambda HTTP answer: {@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}. */
  record Reply(JsonNode raw) {
    int status() {
      return raw.get("statusCode").asInt();
    }

    String header(String name) {
      JsonNode headers = raw.get("headers");
      for (var it = headers.fields(); it.hasNext(); ) {
        var header = it.next();
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue().asText();
        }
      }
      return null;
    }

    String body() {
      String body = raw.get("body").asText();
      return raw.get("isBase64Encoded").asBoolean()
          ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body(), e);
      }
    }

    @Override
    public String toString() {
      return raw.toString();
    }
  }
}
