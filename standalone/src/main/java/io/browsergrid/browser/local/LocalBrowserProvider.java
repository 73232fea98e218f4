package io.browsergrid.browser.local;

import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.ChromiumProcess;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Browsers as Chromium processes on this machine, each with its profile under {@code browsersDir/<browserId>}.
 *
 * <p>When a browser's process exits without {@link #stop} having been called (a crash, an external kill, a start
 * that failed), {@code onUnexpectedExit} gets its id; the browser then reads {@link BrowserState.Phase#FAILED} until
 * {@link #stop} kills what is left of it and deletes its profile. That callback runs on a JDK process-reaper thread,
 * or inside {@link #start} when the process died at once, and must not block. {@link #stop} blocks for the few
 * milliseconds a process-tree kill takes.
 */
public final class LocalBrowserProvider implements BrowserProvider {
  private final ChromiumLauncher launcher;
  private final Path browsersDir;
  private final Consumer<String> onUnexpectedExit;
  private final Map<String, ChromiumProcess> browsers = new ConcurrentHashMap<>();

  public LocalBrowserProvider(ChromiumLauncher launcher, Path browsersDir, Consumer<String> onUnexpectedExit) {
    this.launcher = launcher;
    this.browsersDir = browsersDir.toAbsolutePath().normalize();
    this.onUnexpectedExit = onUnexpectedExit;
  }

  @Override
  public String name() {
    return "local";
  }

  /**
   * Spawns Chromium and returns at once. Throws {@link IllegalArgumentException} for an id that is already running or
   * is no plain folder name, and {@link BrowserProviderException} when no process can be spawned at all.
   */
  @Override
  public BrowserHandle start(BrowserSpec spec) {
    String id = spec.browserId();
    Path profileDir = profileDir(id);
    if (browsers.containsKey(id)) {
      throw new IllegalArgumentException("browser " + id + " is already running");
    }
    ChromiumProcess chromium;
    try {
      chromium = launcher.launch(id, spec.options() == null ? BrowserOptions.DEFAULT : spec.options(), profileDir);
    } catch (IOException e) {
      throw new BrowserProviderException("cannot start Chromium for browser " + id + ": " + e.getMessage(), e);
    }
    if (browsers.putIfAbsent(id, chromium) != null) {
      chromium.kill();
      throw new IllegalArgumentException("browser " + id + " is already running");
    }
    chromium.onExit(() -> {
      // stop() forgets the browser before killing it, so an exit it caused finds nothing here
      if (browsers.get(id) == chromium) {
        onUnexpectedExit.accept(id);
      }
    });
    return new BrowserHandle(id, Long.toString(chromium.pid()));
  }

  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    ChromiumProcess chromium = browsers.get(handle.browserId());
    if (chromium == null) {
      return BrowserState.gone("not running here");
    }
    try {
      chromium.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the state below says which
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return state(handle);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    ChromiumProcess chromium = browsers.get(handle.browserId());
    if (chromium == null) {
      return BrowserState.gone("not running here");
    }
    CompletableFuture<ChromiumProcess.Ready> ready = chromium.ready();
    if (!ready.isDone()) {
      return chromium.isAlive() ? BrowserState.starting()
          : BrowserState.failed("Chromium exited with code " + chromium.exitCode().orElse(-1) + " while starting");
    }
    try {
      ChromiumProcess.Ready answer = ready.join();
      return chromium.isAlive() ? BrowserState.running(answer.cdpEndpoint(), answer.product())
          : BrowserState.failed("Chromium exited unexpectedly with code " + chromium.exitCode().orElse(-1));
    } catch (CompletionException e) {
      return BrowserState.failed(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  @Override
  public void stop(BrowserHandle handle) {
    ChromiumProcess chromium = browsers.remove(handle.browserId());
    if (chromium != null) {
      chromium.kill();
    }
  }

  /** The browsers whose process is alive, starting or running. */
  @Override
  public List<BrowserHandle> list() {
    return browsers.entrySet().stream()
        .filter(entry -> entry.getValue().isAlive())
        .map(entry -> new BrowserHandle(entry.getKey(), Long.toString(entry.getValue().pid())))
        .toList();
  }

  private Path profileDir(String browserId) {
    Path dir = browsersDir.resolve(browserId).normalize();
    if (!dir.getParent().equals(browsersDir)) {
      throw new IllegalArgumentException("browser id must be a plain folder name: " + browserId);
    }
    return dir;
  }
}
