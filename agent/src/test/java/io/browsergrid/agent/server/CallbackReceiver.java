package io.browsergrid.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local control plane for callbacks: records every POST, answers 503 to the first {@code failures} of them and
 * 202 to the rest, and checks signatures with its own HMAC code (not the agent's).
 */
final class CallbackReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST as received. */
  record Callback(String session, String timestamp, String signature, byte[] body, JsonNode json, int answered) {
    String type() {
      return json.path("type").asText();
    }

    int clients() {
      return json.path("clients").asInt(-1);
    }

    /** True when the signature is {@code v1=} HMAC-SHA256 under {@code token} over {@code timestamp.body}. */
    boolean signedWith(String token) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        return signature != null && signature.startsWith("v1=")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final HttpServer server;
  private final AtomicInteger failuresLeft;
  private final List<Callback> all = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Callback> accepted = new LinkedBlockingQueue<>();

  CallbackReceiver(int failures) throws IOException {
    this.failuresLeft = new AtomicInteger(failures);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/agent/", this::handle);
    server.start();
  }

  URI url(String browserId) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/agent/" + browserId);
  }

  /** Every POST so far, refused ones included, in arrival order. */
  List<Callback> all() {
    return List.copyOf(all);
  }

  /** The next accepted callback that matches, skipping others; fails after {@code seconds}. */
  Callback next(Predicate<Callback> wanted, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Callback callback = accepted.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (callback == null) {
        throw new AssertionError("no matching callback within " + seconds + " s; received " + all);
      }
      if (wanted.test(callback)) {
        return callback;
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    int status = failuresLeft.getAndDecrement() > 0 ? 503 : 202;
    Callback callback = new Callback(exchange.getRequestHeaders().getFirst("X-BrowserGrid-Session"),
        exchange.getRequestHeaders().getFirst("X-BrowserGrid-Timestamp"),
        exchange.getRequestHeaders().getFirst("X-BrowserGrid-Signature"), body, JSON.readTree(body), status);
    all.add(callback);
    if (status == 202) {
      accepted.add(callback);
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
