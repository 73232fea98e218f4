package io.browsergrid.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;

/**
 * A Lambda function URL on loopback, as AWS runs one in front of a function: each HTTP request becomes a payload 2.0
 * event (from the same fixture the ITs use), the function's answer goes back as the HTTP response. The browsers'
 * agents post their signed callbacks here, to the {@code agentEvents} function, exactly as they do in the cloud.
 */
final class FunctionUrl implements AutoCloseable {
  private final HttpServer server;

  /** @param invoke feeds an event to the function and returns what its handler wrote */
  FunctionUrl(String function, BiFunction<String, byte[], byte[]> invoke, ExecutorService threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> serve(exchange, function, invoke));
    server.setExecutor(threads);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void serve(HttpExchange exchange, String function, BiFunction<String, byte[], byte[]> invoke)
      throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      ObjectNode event = (ObjectNode) HttpEvents.read("http-api-v2-request.json");
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      event.put("rawPath", path);
      event.put("rawQueryString", query == null ? "" : query);
      event.remove("queryStringParameters");
      ((ObjectNode) event.get("requestContext").get("http")).put("method", exchange.getRequestMethod()).put("path",
          path);
      ObjectNode headers = event.putObject("headers");
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
      }
      event.put("body", Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", true);
      JsonNode answer = HttpEvents.reply(invoke.apply(function, HttpEvents.bytes(event))).raw();
      byte[] out = answer.path("isBase64Encoded").asBoolean()
          ? Base64.getDecoder().decode(answer.path("body").asText())
          : answer.path("body").asText("").getBytes(StandardCharsets.UTF_8);
      for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("headers").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText());
      }
      exchange.sendResponseHeaders(answer.path("statusCode").asInt(500), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream response = exchange.getResponseBody()) {
          response.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
