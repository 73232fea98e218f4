package io.browsergrid.aws.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The cold-start floor: a plain {@link RequestStreamHandler} without Spring that reads an HTTP API (payload 2.0)
 * event with Jackson and answers {@code GET /health} with a 200, as little as a Java Lambda can do for that request.
 */
public final class FloorHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = JSON.readTree(input);
    boolean health = "/health".equals(event.path("rawPath").asText())
        && "GET".equals(event.path("requestContext").path("http").path("method").asText());
    ObjectNode response = JSON.createObjectNode();
    response.put("statusCode", health ? 200 : 404);
    response.putObject("headers").put("Content-Type", "application/json");
    response.put("body", health ? "{\"status\":\"UP\"}" : "{\"error\":\"not_found\"}");
    response.put("isBase64Encoded", false);
    JSON.writeValue(output, response);
  }
}
