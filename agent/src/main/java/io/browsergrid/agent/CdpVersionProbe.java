package io.browsergrid.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a CDP endpoint {@code Browser.getVersion} over a fresh WebSocket: its first answer is what "ready" means.
 * Thread-safe; one {@link HttpClient} serves every probe.
 */
final class CdpVersionProbe {
  private static final String REQUEST = "{\"id\":1,\"method\":\"Browser.getVersion\"}";
  // the answer is one small object and product strings never contain quotes: a full JSON parse buys nothing here
  private static final Pattern PRODUCT = Pattern.compile("\"product\"\\s*:\\s*\"([^\"]*)\"");

  private final HttpClient http;

  CdpVersionProbe(HttpClient http) {
    this.http = http;
  }

  /** The browser's product string ({@code Chrome/150...}); fails if the socket fails or the answer has none. */
  CompletableFuture<String> product(URI endpoint) {
    Answer answer = new Answer();
    http.newWebSocketBuilder().buildAsync(endpoint, answer).whenComplete((socket, error) -> {
      if (error != null) {
        answer.product.completeExceptionally(error);
      }
    });
    return answer.product;
  }

  private static final class Answer implements WebSocket.Listener {
    private final CompletableFuture<String> product = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onOpen(WebSocket socket) {
      socket.sendText(REQUEST, true);
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (!last) {
        socket.request(1);
        return null;
      }
      Matcher matcher = PRODUCT.matcher(text);
      if (matcher.find()) {
        product.complete(matcher.group(1));
      } else {
        product.completeExceptionally(
            new ChromiumStartException("Browser.getVersion answered without a product: " + text));
      }
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      product.completeExceptionally(
          new ChromiumStartException("CDP socket closed before answering (" + statusCode + ")"));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      product.completeExceptionally(error);
    }
  }
}
