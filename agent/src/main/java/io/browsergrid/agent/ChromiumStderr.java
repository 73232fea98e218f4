package io.browsergrid.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * Reads Chromium's stderr to its end: finds the DevTools URL, keeps the last lines for failure reports, and keeps
 * draining afterwards so Chromium never blocks on a full pipe. Run it on its own thread.
 */
final class ChromiumStderr implements Runnable {
  static final int TAIL_LINES = 20;
  private static final int MAX_LINE = 500;
  private static final String DEVTOOLS = "DevTools listening on ";

  private final InputStream stderr;
  private final CompletableFuture<URI> devToolsUrl = new CompletableFuture<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final Deque<String> tail = new ArrayDeque<>(TAIL_LINES);

  ChromiumStderr(InputStream stderr) {
    this.stderr = stderr;
  }

  /** The browser-level CDP WebSocket URL, once Chromium has printed it. */
  CompletableFuture<URI> devToolsUrl() {
    return devToolsUrl;
  }

  /** Completes when stderr reached its end (every process holding it exited) or could not be read. */
  CompletableFuture<Void> drained() {
    return drained;
  }

  /** The last {@value #TAIL_LINES} lines, one per line, each cut at 500 characters. */
  String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  @Override
  public void run() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        remember(line);
        if (!devToolsUrl.isDone() && line.startsWith(DEVTOOLS)) {
          parseDevToolsUrl(line.substring(DEVTOOLS.length()).trim());
        }
      }
    } catch (IOException e) {
      remember("(stderr unreadable: " + e.getMessage() + ")");
    } finally {
      drained.complete(null);
    }
  }

  private void parseDevToolsUrl(String text) {
    try {
      devToolsUrl.complete(URI.create(text));
    } catch (IllegalArgumentException e) {
      devToolsUrl.completeExceptionally(new ChromiumStartException("unreadable DevTools URL: " + text, e));
    }
  }

  private void remember(String line) {
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line);
    }
  }
}
