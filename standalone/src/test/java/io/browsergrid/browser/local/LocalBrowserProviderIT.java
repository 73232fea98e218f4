package io.browsergrid.browser.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.agent.CdpEndpoint;
import io.browsergrid.agent.CdpVersionProbe;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.LeftoverChromium;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderContract;
import io.browsergrid.browser.BrowserState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrowserProviderIT extends BrowserProviderContract {
  @TempDir
  static Path browsersDir;

  private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
  private LocalBrowserProvider provider;
  private LocalBrowserProvider failing;

  @AfterAll
  static void nothingLeftRunning() {
    assertThat(new LeftoverChromium().killUnder(browsersDir)).as("Chromium processes left under " + browsersDir)
        .isZero();
  }

  @Override
  protected BrowserProvider provider() {
    if (provider == null) {
      ChromiumLauncher launcher = TestLaunchers.sandboxed();
      provider = new LocalBrowserProvider(launcher, browsersDir, unexpectedExit::complete);
    }
    return provider;
  }

  /** The JDK's WebSocket client cannot reach a sandbox's Unix socket: ask over it as the server's probe does. */
  @Override
  protected JsonNode browserGetVersion(String cdpEndpoint) throws Exception {
    String answer = new CdpVersionProbe(Duration.ofSeconds(30))
        .answer(CdpEndpoint.parse(cdpEndpoint), "{\"id\":1,\"method\":\"Browser.getVersion\"}")
        .get(30, TimeUnit.SECONDS);
    JsonNode message = new ObjectMapper().readTree(answer);
    assertThat(message.path("id").asInt()).isEqualTo(1);
    return message.get("result");
  }

  @Override
  protected BrowserProvider failingProvider() {
    if (failing == null) {
      ChromiumLauncher exitsAtOnce = TestLaunchers.sandboxed(Path.of("/bin/false"), java.util.Optional.empty());
      failing = new LocalBrowserProvider(exitsAtOnce, browsersDir, id -> {});
    }
    return failing;
  }

  @Test
  void aCrashIsReportedAndStopCleansUp() throws Exception {
    BrowserHandle handle = start(provider(), spec(newId()));
    assertThat(provider().awaitReady(handle, readyTimeout()).phase()).isEqualTo(BrowserState.Phase.RUNNING);

    ProcessHandle.of(Long.parseLong(handle.ref())).orElseThrow().destroyForcibly();

    assertThat(unexpectedExit.get(30, TimeUnit.SECONDS)).isEqualTo(handle.browserId());
    assertThat(provider().state(handle).phase()).isEqualTo(BrowserState.Phase.FAILED);
    assertThat(provider().list()).extracting(BrowserHandle::browserId).doesNotContain(handle.browserId());
    provider().stop(handle);
    assertThat(browsersDir.resolve(handle.browserId())).doesNotExist();
  }

  @Test
  void stopIsNoUnexpectedExitAndRemovesTheProfile() {
    BrowserHandle handle = start(provider(), spec(newId()));
    provider().awaitReady(handle, readyTimeout());
    assertThat(browsersDir.resolve(handle.browserId())).isDirectory();

    provider().stop(handle);

    assertThat(browsersDir.resolve(handle.browserId())).doesNotExist();
    assertThat(unexpectedExit).isNotDone();
  }

  @Test
  void anIdThatIsNoPlainFolderNameIsRefused() {
    assertThatThrownBy(() -> provider().start(spec(".."))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> provider().start(spec("a/b"))).isInstanceOf(IllegalArgumentException.class);
  }
}
