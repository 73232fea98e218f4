package io.browsergrid.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BrowserProvider} must do, against a real engine. An adapter's test extends this class and
 * supplies {@link #provider()} and {@link #failingProvider()}; every browser a test starts is stopped after it.
 */
public abstract class BrowserProviderContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Started> started = new CopyOnWriteArrayList<>();

  /** The provider under test; the same instance for every call within one test. */
  protected abstract BrowserProvider provider();

  /** A provider of the same kind set up so that its browsers cannot start (a bad executable, a missing image). */
  protected abstract BrowserProvider failingProvider();

  /** How long a start may take on this provider; cloud providers override it. */
  protected Duration readyTimeout() {
    return Duration.ofSeconds(60);
  }

  /** A spec with a fresh id, default options and a test label. */
  protected BrowserSpec spec(String id) {
    return new BrowserSpec(id, BrowserOptions.DEFAULT, Map.of("test", getClass().getSimpleName()));
  }

  @AfterEach
  void stopEverythingStarted() {
    for (Started browser : started) {
      browser.provider().stop(browser.handle());
    }
  }

  @Test
  void aStartedBrowserBecomesRunningAndAnswersCdp() throws Exception {
    BrowserHandle handle = start(provider(), spec(newId()));

    BrowserState ready = provider().awaitReady(handle, readyTimeout());

    assertThat(ready.phase()).as("state %s", ready).isEqualTo(BrowserState.Phase.RUNNING);
    // a sandboxed browser's DevTools port exists only in its own namespace, behind a Unix socket
    assertThat(ready.cdpEndpoint()).matches("(wss?://|ws\\+unix:/).+");
    assertThat(ready.version()).isNotBlank();
    assertThat(browserGetVersion(ready.cdpEndpoint()).get("product").asText()).isNotBlank();
    assertThat(provider().state(handle).phase()).isEqualTo(BrowserState.Phase.RUNNING);
    assertThat(provider().state(handle).cdpEndpoint()).isEqualTo(ready.cdpEndpoint());
  }

  @Test
  void aRunningBrowserIsListed() {
    BrowserHandle handle = start(provider(), spec(newId()));
    provider().awaitReady(handle, readyTimeout());

    assertThat(provider().list()).extracting(BrowserHandle::browserId).contains(handle.browserId());
  }

  @Test
  void aStoppedBrowserIsGoneAndNoLongerListed() {
    BrowserHandle handle = start(provider(), spec(newId()));
    provider().awaitReady(handle, readyTimeout());

    provider().stop(handle);

    assertThat(provider().state(handle).phase()).isEqualTo(BrowserState.Phase.GONE);
    assertThat(provider().list()).extracting(BrowserHandle::browserId).doesNotContain(handle.browserId());
  }

  @Test
  void stoppingTwiceOrStoppingAnUnknownBrowserIsANoOp() {
    BrowserHandle handle = start(provider(), spec(newId()));
    provider().awaitReady(handle, readyTimeout());
    BrowserHandle unknown = new BrowserHandle(newId(), "never-started");

    provider().stop(handle);
    provider().stop(handle);
    provider().stop(unknown);

    assertThat(provider().state(handle).phase()).isEqualTo(BrowserState.Phase.GONE);
    assertThat(provider().state(unknown).phase()).isEqualTo(BrowserState.Phase.GONE);
  }

  @Test
  void twoBrowsersStartedAtOnceAreDistinct() throws Exception {
    BrowserHandle first = start(provider(), spec(newId()));
    BrowserHandle second = start(provider(), spec(newId()));

    BrowserState firstReady = provider().awaitReady(first, readyTimeout());
    BrowserState secondReady = provider().awaitReady(second, readyTimeout());

    assertThat(firstReady.phase()).isEqualTo(BrowserState.Phase.RUNNING);
    assertThat(secondReady.phase()).isEqualTo(BrowserState.Phase.RUNNING);
    assertThat(first.ref()).isNotEqualTo(second.ref());
    assertThat(firstReady.cdpEndpoint()).isNotEqualTo(secondReady.cdpEndpoint());
    assertThat(browserGetVersion(firstReady.cdpEndpoint()).has("product")).isTrue();
    assertThat(browserGetVersion(secondReady.cdpEndpoint()).has("product")).isTrue();
    provider().stop(first);
    assertThat(provider().state(second).phase()).isEqualTo(BrowserState.Phase.RUNNING);
  }

  @Test
  void aBrowserThatCannotStartReadsFailedWithADetail() {
    BrowserProvider failing = failingProvider();
    BrowserHandle handle = start(failing, spec(newId()));

    BrowserState state = failing.awaitReady(handle, readyTimeout());

    assertThat(state.phase()).as("state %s", state).isEqualTo(BrowserState.Phase.FAILED);
    assertThat(state.detail()).isNotBlank();
    failing.stop(handle);
    assertThat(failing.state(handle).phase()).isEqualTo(BrowserState.Phase.GONE);
  }

  /** Starts through {@code provider} and remembers the browser for the clean-up after the test. */
  protected BrowserHandle start(BrowserProvider provider, BrowserSpec spec) {
    BrowserHandle handle = provider.start(spec);
    started.add(new Started(provider, handle));
    return handle;
  }

  /** A unique browser id, valid as a store key and a folder name. */
  protected static String newId() {
    return "b-" + UUID.randomUUID();
  }

  /** Sends {@code Browser.getVersion} over a fresh JDK WebSocket and returns its {@code result}. */
  protected JsonNode browserGetVersion(String cdpEndpoint) throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(cdpEndpoint), new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          answer.complete(text.toString());
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        answer.completeExceptionally(error);
      }
    }).get(30, TimeUnit.SECONDS);
    try {
      socket.sendText("{\"id\":1,\"method\":\"Browser.getVersion\"}", true);
      JsonNode message = JSON.readTree(answer.get(30, TimeUnit.SECONDS));
      assertThat(message.path("id").asInt()).isEqualTo(1);
      return message.get("result");
    } finally {
      socket.abort();
    }
  }

  private record Started(BrowserProvider provider, BrowserHandle handle) {}
}
