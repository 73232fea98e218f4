package io.browsergrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.api.PublicUrls;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.event.EventQueue;
import io.browsergrid.store.KeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * A core on any store and provider for tests (webhooks go nowhere, private webhook targets allowed), bootstrapped with
 * {@link #OPERATOR_KEY}, and calls to its API as an edge makes them.
 */
public final class TestCores {
  public static final String OPERATOR_KEY = "bg_test_core_operator_key_0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestCores() {}

  /** A bootstrapped core; {@code executor} runs its starts (the caller shuts it down). */
  public static BrowserGridCore start(KeyValueStore store, BrowserProvider provider, int maxSessions,
      int defaultPoolMinIdle, int maxStarting, ExecutorService executor) {
    return start(store, provider, (ref, delay) -> { }, maxSessions, defaultPoolMinIdle, maxStarting, executor,
        Clock.systemUTC());
  }

  /** A bootstrapped core whose events go to {@code queue} and whose time is {@code clock}'s. */
  public static BrowserGridCore start(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      int maxSessions, int defaultPoolMinIdle, int maxStarting, ExecutorService executor, Clock clock) {
    return start(store, provider, queue, maxSessions, defaultPoolMinIdle, maxStarting, executor, clock, b -> b);
  }

  /** The same, with more of the builder's options set by {@code options}. */
  public static BrowserGridCore start(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      int maxSessions, int defaultPoolMinIdle, int maxStarting, ExecutorService executor, Clock clock,
      java.util.function.UnaryOperator<CoreBuilder> options) {
    CoreSettings settings = new CoreSettings(maxSessions, PublicUrls.plain("127.0.0.1", 9),
        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(60), true, true,
        OptionalInt.of(defaultPoolMinIdle), false, "off", new AdmissionSettings(maxStarting, Duration.ofSeconds(30)));
    BrowserGridCore core = options.apply(BrowserGridCore.builder(store, provider, queue, settings).executor(executor)
        .clock(clock)).build();
    core.bootstrap(Optional.of(OPERATOR_KEY));
    return core;
  }

  /** An answer: its status and its body as JSON (null when empty). */
  public record Reply(int status, JsonNode json) {}

  /** Calls the API with {@code key} (null for none) and a JSON {@code body} (null for none). */
  public static Reply call(BrowserGridCore core, String key, String method, String path,
      Map<String, List<String>> query, String body) {
    HttpResponse response = core.api().handle(new HttpRequest(method, path, query,
        key == null ? Map.of("content-type", "application/json")
            : Map.of("authorization", "Bearer " + key, "content-type", "application/json"),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    try {
      return new Reply(response.status(), response.body().length == 0 ? null : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Reply call(BrowserGridCore core, String key, String method, String path, String body) {
    return call(core, key, method, path, Map.of(), body);
  }
}
