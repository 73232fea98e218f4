package io.browsergrid.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal CDP client on the JDK WebSocket for tests: numbered calls, answers matched by id, bounded waits. */
public final class CdpTestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_SECONDS = 15;

  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final java.util.List<JsonNode> events = new java.util.ArrayList<>();
  private WebSocket socket;

  private CdpTestClient() {}

  public static CdpTestClient connect(HttpClient http, URI endpoint) throws Exception {
    return connect(http, endpoint, Map.of());
  }

  public static CdpTestClient connect(HttpClient http, URI endpoint, Map<String, String> headers) throws Exception {
    CdpTestClient client = new CdpTestClient();
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS));
    headers.forEach(builder::header);
    client.socket = builder.buildAsync(endpoint, client.new Listener()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    return client;
  }

  /** Sends {@code method} with {@code params} (a JSON object, or null) and returns its {@code result}. */
  public JsonNode call(String method, String params) throws Exception {
    return call(method, params, null);
  }

  /** As {@link #call(String, String)}, to the flattened target session {@code sessionId} (null: the browser). */
  public JsonNode call(String method, String params, String sessionId) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params)
        + (sessionId == null ? "" : ",\"sessionId\":\"" + sessionId + "\"") + "}", true)
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    JsonNode message = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
    if (message.has("error")) {
      throw new IllegalStateException(method + " failed: " + message.get("error"));
    }
    return message.get("result");
  }

  /** The first event named {@code method} (already received, or arriving within {@code seconds}), its params. */
  public JsonNode event(String method, long seconds) throws Exception {
    return event(method, params -> true, seconds);
  }

  /** The first event named {@code method} whose params pass {@code test}, received or arriving within {@code seconds}. */
  public JsonNode event(String method, java.util.function.Predicate<JsonNode> test, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (events) {
      while (true) {
        for (JsonNode e : events) {
          if (method.equals(e.path("method").asText()) && test.test(e.get("params"))) {
            return e.get("params");
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new java.util.concurrent.TimeoutException("no " + method + " within " + seconds + " s");
        }
        events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  /** Completes with how the socket ended ({@code close <code>} or {@code error <message>}). */
  public CompletableFuture<String> closed() {
    return closed;
  }

  @Override
  public void close() throws Exception {
    if (!closed.isDone() && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(text.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          } else if (message.has("method")) {
            synchronized (events) {
              events.add(message);
              events.notifyAll();
            }
          }
        } catch (Exception e) {
          closed.completeExceptionally(e);
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete("close " + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
      pending.values().forEach(answer -> answer.completeExceptionally(error));
    }
  }
}
