package io.browsergrid.agent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.session.AgentReport;
import io.browsergrid.session.AgentSignatures;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Delivers events as signed JSON {@code POST}s to the control plane's callback URL: body
 * {@code {"type","browserId","at","clients"}}, headers {@code X-BrowserGrid-Session}, {@code X-BrowserGrid-Timestamp}
 * (epoch seconds) and {@code X-BrowserGrid-Signature} ({@link AgentSignatures}).
 *
 * <p>Events go out one at a time in the order {@link #send} was called. A failed delivery (no answer, 429 or 5xx)
 * is retried up to {@value #ATTEMPTS} attempts in all, each re-signed with a fresh timestamp; any other answer
 * ends it. Failures are logged, never thrown. Thread-safe.
 */
public final class SignedCallbacks implements AgentEvents {

  private static final System.Logger LOG = System.getLogger(SignedCallbacks.class.getName());
  private static final int ATTEMPTS = 4;
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final String sessionId;
  private final AgentSignatures signature;
  private final HttpClient http;
  private final Executor executor;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

  /**
   * @param url          the callback URL
   * @param sessionId    the session named in every callback
   * @param sessionToken the signing key
   * @param http         sends the requests
   * @param executor     where deliveries start, so that {@link #send} never runs network code on its caller
   */
  public SignedCallbacks(URI url, String sessionId, String sessionToken, HttpClient http, Executor executor,
      Clock clock) {
    this.url = url;
    this.sessionId = sessionId;
    this.signature = new AgentSignatures(id -> sessionToken, clock);
    this.http = http;
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public synchronized CompletableFuture<Void> send(AgentReport event) {
    byte[] body = body(event);
    String what = event.type().wireName();
    last = last.thenComposeAsync(previous -> attempt(what, body, 1), executor).exceptionally(error -> {
      LOG.log(Level.WARNING, "callback " + what + " to " + url + " failed", error);
      return null;
    });
    return last.copy();
  }

  private CompletableFuture<Void> attempt(String what, byte[] body, int attempt) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header(AgentSignatures.SESSION_HEADER, sessionId)
        .header(AgentSignatures.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(AgentSignatures.SIGNATURE_HEADER, signature.sign(sessionId, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, error) -> {
          if (error == null && response.statusCode() / 100 == 2) {
            return CompletableFuture.<Void>completedFuture(null);
          }
          String outcome = error != null ? error.toString() : "HTTP " + response.statusCode();
          boolean retryable = error != null || response.statusCode() == 429 || response.statusCode() >= 500;
          if (!retryable || attempt == ATTEMPTS) {
            LOG.log(Level.WARNING, "callback {0} to {1} not delivered after {2} attempt(s): {3}", what, url, attempt,
                outcome);
            return CompletableFuture.<Void>completedFuture(null);
          }
          LOG.log(Level.INFO, "callback {0} to {1} failed ({2}), retrying", what, url, outcome);
          long delay = FIRST_RETRY.toMillis() << (attempt - 1);
          return CompletableFuture.supplyAsync(() -> attempt(what, body, attempt + 1),
              CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, executor)).thenCompose(next -> next);
        })
        .thenCompose(next -> next);
  }

  private byte[] body(AgentReport event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", event.type().wireName());
    body.put("browserId", event.browserId());
    body.put("at", event.at().toString());
    body.put("clients", event.clients());
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a callback body", e);
    }
  }
}
