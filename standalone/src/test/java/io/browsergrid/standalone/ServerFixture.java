package io.browsergrid.standalone;

import io.browsergrid.agent.LeftoverChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** One standalone server in this JVM on a free port and a fresh data dir, with a known operator key. */
final class ServerFixture implements AutoCloseable {
  static final String OPERATOR_KEY = "bg_test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz";

  private final Path dataDir;
  private final StandaloneServer server;
  private final Api api;

  ServerFixture(Map<String, String> extra) {
    try {
      this.dataDir = Files.createTempDirectory("browsergrid-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("BROWSERGRID_PORT", "0");
    env.put("BROWSERGRID_DATA_DIR", dataDir.toString());
    env.put("BROWSERGRID_API_KEY", OPERATOR_KEY);
    env.put("BROWSERGRID_CLEANUP_INTERVAL_MS", "250");
    env.putAll(extra);
    try {
      this.server = StandaloneServer.start(StandaloneConfig.from(env, new String[0]), env);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    this.api = new Api(server.baseUrl(), OPERATOR_KEY);
  }

  ServerFixture() {
    this(Map.of());
  }

  Api api() {
    return api;
  }

  Path dataDir() {
    return dataDir;
  }

  /** Chromium processes whose profile lives under this server's data dir. */
  int chromiumProcesses() {
    return ChromiumProcesses.under(dataDir);
  }

  @Override
  public void close() {
    server.close();
    new LeftoverChromium().killUnder(dataDir);
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
