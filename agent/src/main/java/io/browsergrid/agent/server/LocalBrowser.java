package io.browsergrid.agent.server;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's view of its one Chromium: unknown until it is marked ready, gone once marked gone (for good).
 * Thread-safe.
 */
final class LocalBrowser {
  private final ChromiumHttp http;
  private volatile ChromiumVersion ready;
  private boolean gone;

  LocalBrowser(ChromiumHttp http) {
    this.http = http;
  }

  /** Chromium answers CDP as {@code version} says; ignored once gone. */
  synchronized void ready(ChromiumVersion version) {
    if (!gone) {
      ready = version;
    }
  }

  /** Chromium is gone: from now on nothing is relayed to it. */
  synchronized void gone() {
    gone = true;
    ready = null;
  }

  /** The ready browser, empty before it is ready and after it is gone. */
  Optional<ChromiumVersion> current() {
    return Optional.ofNullable(ready);
  }

  /** Completes with true when the ready browser answers {@code /json/version} now, false otherwise; never fails. */
  CompletableFuture<Boolean> answers() {
    ChromiumVersion version = ready;
    if (version == null) {
      return CompletableFuture.completedFuture(false);
    }
    return http.version(version.cdpEndpoint()).handle((answer, error) -> error == null);
  }
}
