package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.browsergrid.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the core's {@link HttpResponse} into an API Gateway HTTP API (payload format 2.0) response: status, headers
 * and body; a body that is not text (by its {@code Content-Type}) goes base64-encoded, as API Gateway and function
 * URLs require for binary bodies.
 */
public final class ApiGatewayResponses {

  /** The Lambda response for {@code response}. */
  public APIGatewayV2HTTPResponse fromCore(HttpResponse response) {
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    byte[] body = response.body();
    boolean text = body.length == 0 || isText(contentType(headers));
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(headers)
        .withBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(!text)
        .build();
  }

  private static String contentType(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        return header.getValue().toLowerCase(Locale.ROOT);
      }
    }
    return "";
  }

  private static boolean isText(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim();
    return mediaType.startsWith("text/")
        || mediaType.equals("application/json")
        || mediaType.endsWith("+json")
        || mediaType.equals("application/xml")
        || mediaType.endsWith("+xml")
        || mediaType.equals("application/javascript");
  }
}
