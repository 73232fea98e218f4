package io.browsergrid.store.firestore;

import com.google.cloud.NoCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Google's Firestore emulator (in this machine image, with the Cloud SDK), started by the test on a free loopback
 * port and stopped with its whole process tree. It enforces {@code updateTime} preconditions and transaction locks,
 * so the store's race tests run for real. Fails loudly, never skips, when the emulator is missing.
 */
public final class FirestoreEmulator implements AutoCloseable {
  static final Path BINARY =
      Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator");
  private static final Duration START = Duration.ofSeconds(90);

  private final Process process;
  private final String host;
  private final StringBuilder output = new StringBuilder();

  public FirestoreEmulator() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("Google's Firestore emulator is missing: " + BINARY
          + " (the machine image's Cloud SDK brings it; it cannot be installed by the build)");
    }
    int port = freePort();
    host = "127.0.0.1:" + port;
    process = new ProcessBuilder(BINARY.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
        .redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.contains("Dev App Server is now running")) {
            ready.complete(null);
          }
        }
      } catch (IOException ended) {
        // the emulator stopped
      }
      ready.completeExceptionally(new IOException("the Firestore emulator exited: " + output()));
    }, "firestore-emulator-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IOException("the Firestore emulator did not start within " + START + ": " + output(), e);
    }
  }

  /** A client of the emulator for {@code project} (each test class its own project keeps their data apart). */
  public Firestore client(String project) {
    return FirestoreOptions.newBuilder().setProjectId(project).setEmulatorHost(host).setHost(host)
        .setCredentials(NoCredentials.getInstance()).build().getService();
  }

  /** {@code host:port}, as {@code FIRESTORE_EMULATOR_HOST} takes it. */
  public String host() {
    return host;
  }

  private String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle child : tree) {
      child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
      child.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
