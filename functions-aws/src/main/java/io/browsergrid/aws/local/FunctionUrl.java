package io.browsergrid.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;

/**
 * A Lambda function URL on this machine, as AWS runs one in front of a function: each HTTP request becomes a payload
 * 2.0 event, the function's answer goes back as the HTTP response. The browsers' agents post their signed callbacks
 * to the {@code agentEvents} function's URL, exactly as they do in the cloud.
 */
public final class FunctionUrl implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final String host;

  /**
   * Binds {@code host}:{@code port} (0: any free port); requests wait in the backlog until {@link #start}.
   *
   * @param invoke feeds an event to {@code function} and returns what its handler wrote
   */
  public FunctionUrl(String function, String host, int port, BiFunction<String, byte[], byte[]> invoke,
      ExecutorService threads) throws IOException {
    this.host = host;
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", exchange -> serve(exchange, function, invoke));
    server.setExecutor(threads);
  }

  /** Starts answering; call once. */
  public FunctionUrl start() {
    server.start();
    return this;
  }

  /** The base URL, with a trailing slash. */
  public URI url() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + server.getAddress().getPort() + "/");
  }

  private static void serve(HttpExchange exchange, String function, BiFunction<String, byte[], byte[]> invoke)
      throws IOException {
    try (exchange) {
      JsonNode answer;
      try {
        answer = JSON.readTree(invoke.apply(function, event(exchange)));
      } catch (RuntimeException failed) {
        // what a function URL answers when the function itself fails (its init, or an unhandled error)
        byte[] body = "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(502, body.length);
        exchange.getResponseBody().write(body);
        System.err.println(function + " failed: " + failed);
        return;
      }
      byte[] out = answer.path("isBase64Encoded").asBoolean()
          ? Base64.getDecoder().decode(answer.path("body").asText())
          : answer.path("body").asText("").getBytes(StandardCharsets.UTF_8);
      for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("headers").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText());
      }
      for (JsonNode cookie : answer.path("cookies")) {
        exchange.getResponseHeaders().add("Set-Cookie", cookie.asText());
      }
      exchange.sendResponseHeaders(answer.path("statusCode").asInt(500), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream response = exchange.getResponseBody()) {
          response.write(out);
        }
      }
    }
  }

  /** The payload 2.0 event of {@code exchange}'s request, as a function URL sends it. */
  static byte[] event(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    Instant now = Instant.now();
    ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
        .put("rawPath", path).put("rawQueryString", query == null ? "" : query);
    ObjectNode headers = event.putObject("headers");
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("cookie")) {
        h.getValue().forEach(line -> List.of(line.split(";\\s*")).forEach(c -> event.withArray("cookies").add(c)));
      } else {
        headers.put(name, String.join(",", h.getValue()));
      }
    }
    String domain = exchange.getRequestHeaders().getFirst("Host");
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    ObjectNode context = event.putObject("requestContext").put("accountId", "anonymous").put("apiId", "local")
        .put("domainName", domain == null ? "localhost" : domain).put("domainPrefix", "local")
        .put("requestId", UUID.randomUUID().toString()).put("routeKey", "$default").put("stage", "$default")
        .put("time", REQUEST_TIME.format(now)).put("timeEpoch", now.toEpochMilli());
    context.putObject("http").put("method", exchange.getRequestMethod()).put("path", path)
        .put("protocol", exchange.getProtocol()).put("sourceIp", sourceIp)
        .put("userAgent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
    if (body.length > 0) {
      event.put("body", Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", true);
    } else {
      event.put("isBase64Encoded", false);
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
