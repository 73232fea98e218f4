package io.browsergrid.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a careful customer writes one: it checks every signature with its own implementation of
 * the Standard Webhooks scheme, refuses stale timestamps, and drops duplicates by {@code webhook-id}.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<String> attemptIds = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, JsonNode> accepted = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Integer> duplicates = new ConcurrentHashMap<>();
  private final List<String> badSignatures = Collections.synchronizedList(new ArrayList<>());
  private volatile String secret;
  /** An answer that holds the request until {@link #release()}, then accepts it. */
  static final int HANG = -1;
  /** Given the attempt number (1-based), the status to answer; 200 accepts. */
  private volatile IntUnaryOperator answer = n -> 200;
  private volatile String retryAfter;

  private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

  WebhookReceiver() throws IOException {
    this(0);
  }

  /** A receiver on {@code port} (0 for any free one). */
  WebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/hook", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  /** Lets hanging requests answer. */
  void release() {
    released.countDown();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void secret(String whsec) {
    this.secret = whsec;
  }

  void answer(IntUnaryOperator byAttempt, String retryAfterSeconds) {
    this.answer = byAttempt;
    this.retryAfter = retryAfterSeconds;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
    int n = attempts.incrementAndGet();
    attemptIds.add(id);
    int status = answer.applyAsInt(n);
    if (status == HANG) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 200;
    }
    if (!verified(id, timestamp, signature, body)) {
      badSignatures.add(id);
      status = 401;
    } else if (status == 200) {
      if (accepted.containsKey(id)) {
        duplicates.merge(id, 1, Integer::sum);
      } else {
        accepted.put(id, JSON.readTree(body));
      }
    }
    if (status != 200 && retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private boolean verified(String id, String timestamp, String signature, byte[] body) {
    if (id == null || timestamp == null || signature == null || secret == null) {
      return false;
    }
    long ts = Long.parseLong(timestamp);
    if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      byte[] expected = mac.doFinal((id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8));
      for (String candidate : signature.split(" ")) {
        if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
            Base64.getDecoder().decode(candidate.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Events accepted once each, by webhook-id, in arrival order. */
  Map<String, JsonNode> accepted() {
    synchronized (accepted) {
      return new LinkedHashMap<>(accepted);
    }
  }

  /** The webhook-id of every attempt, in order. */
  List<String> attemptIds() {
    synchronized (attemptIds) {
      return new ArrayList<>(attemptIds);
    }
  }

  List<String> badSignatures() {
    return List.copyOf(badSignatures);
  }

  JsonNode acceptedOfType(String sessionId, String type) {
    return accepted().values().stream()
        .filter(e -> e.get("type").asText().equals(type) && e.get("data").get("id").asText().equals(sessionId))
        .findFirst().orElse(null);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
