package io.browsergrid.aws.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code scripts/run aws} started as a user starts it, from the repository's root, on a free port. */
final class ScriptsRunAws implements AutoCloseable {
  static final String KEY = "bg_scripts-run-aws-it-operator-key";
  // the script may install Chromium first on a fresh machine; the deadline is for a hung start, not a slow one
  private static final Duration START_DEADLINE = Duration.ofMinutes(5);

  private final Process process;
  private final Path log;
  private final int port;
  private final long startedNanos = System.nanoTime();

  /** Starts the script with {@code extra} added to the standalone server's variables this class sets. */
  ScriptsRunAws(Path dataDir, Map<String, String> extra) throws IOException {
    port = freePort();
    log = dataDir.resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder("scripts/run", "aws").directory(Path.of("..").toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = new HashMap<>(Map.of("BROWSERGRID_PORT", Integer.toString(port),
        "BROWSERGRID_DATA_DIR", dataDir.toString(), "BROWSERGRID_API_KEY", KEY,
        "BROWSERGRID_BROWSER_ALLOW_PRIVATE", "true"));
    env.putAll(extra);
    builder.environment().putAll(env);
    process = builder.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  Process process() {
    return process;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** Waits for the first 200 on {@code /health}; returns the milliseconds since the start. */
  long awaitHealth() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = startedNanos + START_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("scripts/run aws exited " + process.exitValue() + ":\n" + log());
      }
      try {
        if (http.send(HttpRequest.newBuilder(baseUrl().resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return (System.nanoTime() - startedNanos) / 1_000_000;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("no 200 on /health within " + START_DEADLINE + ":\n" + log());
  }

  /** Kills what is left (a test that failed before its SIGTERM): the script's JVM and every browser under it. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      List<ProcessHandle> tree = process.descendants().toList();
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
