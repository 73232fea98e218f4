package io.browsergrid.gcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of Google's emulators from the machine image's Cloud SDK, started by a test on a free loopback port and
 * stopped with its whole process tree (the SDK's launch scripts start a JVM beneath them). Fails loudly, never skips,
 * when the emulator is missing.
 */
public final class EmulatorProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);

  private final String name;
  private final Process process;
  private final int port;
  private final StringBuilder output = new StringBuilder();

  /**
   * Starts {@code binary} with {@code args} (in which {@code {port}} stands for the port picked) and waits until it
   * prints {@code readyLine}.
   *
   * @throws IllegalStateException when the binary is missing
   * @throws IOException           when it exits or does not get ready within 90 seconds
   */
  public EmulatorProcess(String name, Path binary, List<String> args, String readyLine) throws IOException {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("Google's " + name + " emulator is missing: " + binary
          + " (the machine image's Cloud SDK brings it; it cannot be installed by the build)");
    }
    this.name = name;
    port = freePort();
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    args.forEach(arg -> command.add(arg.replace("{port}", Integer.toString(port))));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.contains(readyLine)) {
            ready.complete(null);
          }
        }
      } catch (IOException ended) {
        // the emulator stopped
      }
      ready.completeExceptionally(new IOException("the " + name + " emulator exited: " + output()));
    }, name + "-emulator-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IOException("the " + name + " emulator did not start within " + START + ": " + output(), e);
    }
  }

  /** {@code 127.0.0.1:<port>}, where clients reach it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  private String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Stops the emulator and everything it started. */
  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    tree.forEach(child -> child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
