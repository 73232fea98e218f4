package io.browsergrid.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The standalone server as {@code scripts/run} starts it (same JVM options), in its own process. */
final class ServerUnderTest implements AutoCloseable {
  static final String KEY = "bg_bench-operator-key-0123456789abcdefghijklmnopqrstuvwxyz";
  private final Process process;
  final int port;
  final Path dataDir;
  /** Seconds from spawning the JVM to the first 200 on /health. */
  final double startSeconds;

  private ServerUnderTest(Process process, int port, Path dataDir, double startSeconds) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.startSeconds = startSeconds;
  }

  static ServerUnderTest start(Path repo, Path jar, int port, String cdsOption) throws Exception {
    Path dataDir = Files.createTempDirectory("browsergrid-bench");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Files.readAllLines(repo.resolve("standalone/jvm.options")).stream().filter(l -> !l.isBlank()).toList());
    if (cdsOption != null) {
      cmd.add(cdsOption);
    }
    // extra server JVM flags for looking inside a run, e.g. a flight recording
    String extra = System.getenv("BENCH_SERVER_JVM_FLAGS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.add("-jar");
    cmd.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("BROWSERGRID_PORT", Integer.toString(port));
    // as scripts/run starts it
    pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    pb.environment().put("BROWSERGRID_DATA_DIR", dataDir.toString());
    pb.environment().put("BROWSERGRID_API_KEY", KEY);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dataDir.resolve("server.log").toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
    while (!healthy(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy; see " + dataDir.resolve("server.log"));
      }
      Thread.sleep(1);
    }
    return new ServerUnderTest(p, port, dataDir, (System.nanoTime() - t0) / 1e9);
  }

  private static boolean healthy(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  /** Resident memory now, in MiB. */
  double rssMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  /** CPU time the server process has used so far (user + system, its own threads only), in milliseconds. */
  double cpuMillis() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields after the name: state is [0], utime [11], stime [12], in clock ticks of 10 ms
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }

  /** One API call with the operator key; {@code body} null for none. */
  HttpResponse<String> send(HttpClient http, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Bearer " + KEY)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGTERM, as an operator would stop it; waits for the exit. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
