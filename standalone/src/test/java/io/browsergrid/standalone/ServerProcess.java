package io.browsergrid.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The standalone server in its own JVM, for tests that kill it. */
final class ServerProcess {
  private final Process process;
  private final Api api;

  private ServerProcess(Process process, Api api) {
    this.process = process;
    this.api = api;
  }

  static ServerProcess start(Path dataDir, int port) {
    return start(dataDir, port, java.util.Map.of());
  }

  static ServerProcess start(Path dataDir, int port, java.util.Map<String, String> extraEnv) {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.browsergrid.standalone.Main"));
    pb.environment().put("BROWSERGRID_PORT", Integer.toString(port));
    pb.environment().put("BROWSERGRID_DATA_DIR", dataDir.toString());
    pb.environment().put("BROWSERGRID_API_KEY", ServerFixture.OPERATOR_KEY);
    pb.environment().put("BROWSERGRID_CLEANUP_INTERVAL_MS", "250");
    pb.environment().putAll(extraEnv);
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      CompletableFuture<Void> listening = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = out.readLine()) != null) {
            if (line.contains("listening on")) {
              listening.complete(null);
            }
          }
          listening.completeExceptionally(new IllegalStateException("the server exited before listening"));
        } catch (IOException e) {
          listening.completeExceptionally(e);
        }
      });
      reader.setDaemon(true);
      reader.start();
      listening.get(30, TimeUnit.SECONDS);
      return new ServerProcess(p, new Api("http://127.0.0.1:" + port, ServerFixture.OPERATOR_KEY));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the server process", e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Api api() {
    return api;
  }

  /** kill -9. */
  void crash() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  void kill() {
    process.destroyForcibly();
  }
}
