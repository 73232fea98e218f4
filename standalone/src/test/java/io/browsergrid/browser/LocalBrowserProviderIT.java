package io.browsergrid.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.agent.ChromiumFlags;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.LeftoverChromium;
import java.nio.file.Path;
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
      ChromiumLauncher launcher =
          new ChromiumLauncher(new ChromiumLocator(System.getenv()).locate(), ChromiumFlags.forCurrentUser());
      provider = new LocalBrowserProvider(launcher, browsersDir, unexpectedExit::complete);
    }
    return provider;
  }

  @Override
  protected BrowserProvider failingProvider() {
    if (failing == null) {
      ChromiumLauncher exitsAtOnce = new ChromiumLauncher(Path.of("/bin/false"), ChromiumFlags.forCurrentUser());
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
