package io.browsergrid.agent;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One running Chromium, as {@link ChromiumLauncher#launch} started it.
 *
 * <p>{@link #ready()} completes with the CDP endpoint once the browser has answered its first CDP call, or
 * exceptionally with a {@link ChromiumStartException} carrying the end of Chromium's stderr if it exits or is killed
 * before. {@link #kill()} ends the whole process tree and deletes the profile folder.
 */
public final class ChromiumProcess {
  private static final System.Logger LOG = System.getLogger(ChromiumProcess.class.getName());
  // after Chromium exits its helpers may still hold stderr open for a moment: wait that long for the last lines
  private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);
  private static final Duration REAP_TIMEOUT = Duration.ofSeconds(1);

  /**
   * A browser answering CDP: its browser-level endpoint ({@link CdpEndpoint#toString()}: a {@code ws://} URL or, in a
   * sandbox, {@code ws+unix:...}) and its product string ({@code Chrome/150...}).
   */
  public record Ready(String cdpEndpoint, String product) {}

  private final String browserId;
  private final Process process;
  private final BrowserRemains remains;
  private final ChromiumStderr stderr;
  private final ProcessTreeKiller killer;
  private final CompletableFuture<Ready> ready = new CompletableFuture<>();
  private boolean killed;

  private ChromiumProcess(String browserId, Process process, BrowserRemains remains, ProcessTreeKiller killer) {
    this.browserId = browserId;
    this.process = process;
    this.remains = remains;
    this.stderr = new ChromiumStderr(process.getErrorStream());
    this.killer = killer;
  }

  /**
   * Wraps a just-spawned Chromium and starts watching it: stderr reader, readiness probe (at the endpoint {@code box}
   * makes of the DevTools URL Chromium prints), early-exit detection. {@code remains} are removed by {@link #kill()}.
   */
  static ChromiumProcess watch(String browserId, Process process, SandboxedBrowser box, BrowserRemains remains,
      CdpVersionProbe probe, ProcessTreeKiller killer) {
    ChromiumProcess chromium = new ChromiumProcess(browserId, process, remains, killer);
    chromium.stderr.devToolsUrl()
        .thenApply(box.endpoint())
        .thenCompose(endpoint -> probe.product(endpoint).thenApply(product -> new Ready(endpoint.toString(), product)))
        .whenComplete(chromium::settle);
    process.onExit().thenCompose(exited -> chromium.stderr.drained().copy()
            .completeOnTimeout(null, DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS))
        .thenRun(chromium::failIfNotReady);
    Thread reader = new Thread(chromium.stderr, "chromium-stderr-" + browserId);
    reader.setDaemon(true);
    reader.start();
    return chromium;
  }

  public String browserId() {
    return browserId;
  }

  /** The host pid of the process spawned (the sandbox, or Chromium itself without one; the process group's leader). */
  public long pid() {
    return process.pid();
  }

  /** A view of the readiness future; completing or cancelling it does not affect this process. */
  public CompletableFuture<Ready> ready() {
    return ready.copy();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The browser process's exit code, empty while it runs. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** The last lines Chromium wrote to stderr, for failure details. */
  public String stderrTail() {
    return stderr.tail();
  }

  /**
   * Runs {@code action} once the browser process exits, for whatever reason. It runs on a JDK process-reaper thread,
   * or at once on the calling thread if the process has already exited; it must be short and must not block.
   */
  public void onExit(Runnable action) {
    process.onExit().thenRun(action);
  }

  /**
   * SIGKILLs the browser, its descendants and its process group (its whole sandbox), waits (bounded) until they are
   * gone, then closes its egress, deletes its folders and gives back its sandbox's uids. Idempotent and callable from any thread; blocks for the few milliseconds that
   * takes, so keep it off event-loop threads.
   */
  public synchronized void kill() {
    if (killed) {
      return;
    }
    killed = true;
    ready.completeExceptionally(new ChromiumStartException("killed before it answered CDP"));
    if (!killer.kill(process.toHandle())) {
      LOG.log(Level.WARNING, "some processes of browser {0} (pid {1}) survived SIGKILL", browserId, pid());
    }
    awaitReaped();
    remains.remove();
  }

  // the killer stops at "zombie"; wait for the JDK's reaper so isAlive() and onExit agree once kill() returns
  private void awaitReaped() {
    try {
      process.waitFor(REAP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void settle(Ready answer, Throwable error) {
    if (error == null) {
      ready.complete(answer);
      return;
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    URI url = stderr.devToolsUrl().getNow(null);
    ready.completeExceptionally(cause instanceof ChromiumStartException ? cause
        : new ChromiumStartException("Chromium did not answer CDP at " + url + ": " + cause, cause));
  }

  private void failIfNotReady() {
    if (ready.isDone()) {
      return;
    }
    String tail = stderr.tail();
    ready.completeExceptionally(new ChromiumStartException("Chromium exited with code " + process.exitValue()
        + " before answering CDP" + (tail.isEmpty() ? "" : ": " + tail)));
  }
}
