package io.browsergrid.agent.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers ACME http-01 challenges: {@code GET /.well-known/acme-challenge/<token>} gives the token's key
 * authorization while the challenge is pending; every other request is 404. Nothing else is served on this port.
 */
final class ChallengeServer implements AutoCloseable {
  static final String PREFIX = "/.well-known/acme-challenge/";

  private final HttpServer server;
  private final Map<String, String> answers = new ConcurrentHashMap<>();

  ChallengeServer(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** Answers {@code token} with {@code keyAuthorization} until {@link #forget}. */
  void offer(String token, String keyAuthorization) {
    answers.put(token, keyAuthorization);
  }

  void forget(String token) {
    answers.remove(token);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String answer = "GET".equals(exchange.getRequestMethod()) && path.startsWith(PREFIX)
          ? answers.get(path.substring(PREFIX.length())) : null;
      if (answer == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
