package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.agent.LeftoverChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One standalone server in this JVM on a free port and a fresh data dir, with a known operator key. As a JUnit
 * extension ({@code @RegisterExtension static final ServerFixture server = ServerFixture.perClass()}) it starts before
 * the class's tests and, after them, stops and checks that no Chromium of its data dir survived.
 */
final class ServerFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final String OPERATOR_KEY = "bg_test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz";

  private Path dataDir;
  private StandaloneServer server;
  private Api api;
  private final Map<String, String> extra;

  private ServerFixture(Map<String, String> extra, boolean startNow) {
    this.extra = extra;
    if (startNow) {
      start();
    }
  }

  /** A server started now; close it yourself. */
  ServerFixture(Map<String, String> extra) {
    this(extra, true);
  }

  ServerFixture() {
    this(Map.of());
  }

  /** A server for a test class, started before its tests and stopped after them. */
  static ServerFixture perClass(Map<String, String> extra) {
    return new ServerFixture(extra, false);
  }

  static ServerFixture perClass() {
    return perClass(Map.of());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
    assertThat(chromiumProcesses()).as("Chromium processes left behind").isZero();
  }

  private void start() {
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

  Api api() {
    return api;
  }

  java.net.URI baseUrl() {
    return java.net.URI.create(server.baseUrl().replaceFirst("/$", ""));
  }

  java.net.InetSocketAddress address() {
    return server.address();
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
