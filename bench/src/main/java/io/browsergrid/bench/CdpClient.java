package io.browsergrid.bench;

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

/** A minimal CDP client over the JDK WebSocket: one call at a time is all the benchmarks need. */
final class CdpClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  private CdpClient(WebSocket socket) {
    this.socket = socket;
  }

  static CdpClient connect(HttpClient http, String url) throws Exception {
    CdpClient[] self = new CdpClient[1];
    StringBuilder partial = new StringBuilder();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
        .buildAsync(URI.create(url), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              String text = partial.toString();
              partial.setLength(0);
              try {
                ready.join();
                JsonNode node = JSON.readTree(text);
                if (node.has("id")) {
                  CompletableFuture<JsonNode> f = self[0].pending.remove(node.get("id").asInt());
                  if (f != null) {
                    f.complete(node);
                  }
                }
              } catch (Exception e) {
                // an unreadable event is not an answer to anything we wait for
              }
            }
            webSocket.request(1);
            return null;
          }
        }).get(90, TimeUnit.SECONDS);
    self[0] = new CdpClient(ws);
    ready.complete(null);
    return self[0];
  }

  JsonNode call(String method, String params, String sessionId) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    String msg = "{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params
        + (sessionId == null ? "" : ",\"sessionId\":\"" + sessionId + "\"") + "}";
    socket.sendText(msg, true).join();
    JsonNode node = answer.get(30, TimeUnit.SECONDS);
    if (node.has("error")) {
      throw new IllegalStateException(method + " failed: " + node.get("error"));
    }
    return node.get("result");
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    socket.abort();
  }
}
