package io.browsergrid.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The floor: Chromium started by hand with the same flags, with no BrowserGrid in the way. */
final class RawChromium implements AutoCloseable {
  private final Process process;
  private final Path profile;
  final String endpoint;

  private RawChromium(Process process, Path profile, String endpoint) {
    this.process = process;
    this.profile = profile;
    this.endpoint = endpoint;
  }

  static RawChromium launch(Path executable) throws Exception {
    Path profile = Files.createTempDirectory("browsergrid-bench-raw");
    Files.createDirectories(profile.resolve("tmp"));
    List<String> cmd = new ArrayList<>();
    if (System.getenv("BENCH_RAW_IDLE") != null) {
      cmd.addAll(List.of("/usr/bin/chrt", "--idle", "0"));
    }
    cmd.addAll(List.of(executable.toString(), "--headless", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile.resolve("profile")));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add("--no-sandbox");
    }
    cmd.add("about:blank");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TMPDIR", profile.resolve("tmp").toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = err.readLine()) != null) {
      int at = line.indexOf("ws://");
      if (line.startsWith("DevTools listening on ") && at > 0) {
        Thread drain = new Thread(() -> {
          try {
            while (err.readLine() != null) {
              // keep the pipe empty so Chromium never blocks on stderr
            }
          } catch (Exception ignored) {
            // the browser is gone
          }
        });
        drain.setDaemon(true);
        drain.start();
        return new RawChromium(p, profile, line.substring(at).trim());
      }
    }
    throw new IllegalStateException("Chromium exited before listening");
  }

  /** The browser's pid, the root of its process tree. */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws Exception {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
