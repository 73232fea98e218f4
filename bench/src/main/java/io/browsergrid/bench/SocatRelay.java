package io.browsergrid.bench;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A minimal userland TCP relay (socat, in C) in front of the browser: what any extra hop costs on this machine. */
final class SocatRelay implements AutoCloseable {
  private final Process process;
  private final int port;

  private SocatRelay(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The relay, or null when socat is not installed. */
  static SocatRelay start(int port, int targetPort) throws Exception {
    return start(port, "TCP:127.0.0.1:" + targetPort + ",nodelay");
  }

  /** A relay from a loopback port to a Unix socket (a sandbox's DevTools socket), or null without socat. */
  static SocatRelay toUnix(int port, Path socket) throws Exception {
    return start(port, "UNIX-CONNECT:" + socket);
  }

  private static SocatRelay start(int port, String target) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
      return null;
    }
    Process p = new ProcessBuilder("/usr/bin/socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,nodelay",
        target).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return new SocatRelay(p, port);
      } catch (java.io.IOException notYet) {
        Thread.sleep(5);
      }
    }
    p.destroyForcibly();
    return null;
  }

  String url(String path) {
    return "ws://127.0.0.1:" + port + path;
  }

  @Override
  public void close() throws Exception {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }
}
