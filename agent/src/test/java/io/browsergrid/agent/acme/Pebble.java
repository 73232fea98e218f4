package io.browsergrid.agent.acme;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Let's Encrypt's test ACME server (Debian's {@code pebble}), started by the test with a TLS certificate of its own,
 * deterministic (no validation delay, no refused nonces, no reused authorizations), validating http-01 challenges on
 * {@link #challengePort()}. Issues real certificates under a root it makes at each start ({@link #root()}).
 */
public final class Pebble implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/pebble");
  private static final Duration START = Duration.ofSeconds(60);

  private final Path dir;
  private final Process process;
  private final int acmePort;
  private final int managementPort;
  private final int challengePort;
  private final HttpClient client;

  /**
   * Starts Pebble issuing certificates valid for {@code validity}.
   *
   * @throws IllegalStateException when the {@code pebble} package is missing (scripts/test installs it)
   */
  public Pebble(Path dir, Duration validity) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("pebble is not installed: apt-get install pebble (scripts/test does)");
    }
    this.dir = dir;
    Instant now = Instant.now();
    TestCertificates.write(dir, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    acmePort = freePort();
    managementPort = freePort();
    challengePort = freePort();
    Path config = dir.resolve("pebble.json");
    new ObjectMapper().writeValue(config.toFile(), Map.of("pebble", Map.of(
        "listenAddress", "127.0.0.1:" + acmePort, "managementListenAddress", "127.0.0.1:" + managementPort,
        "certificate", dir.resolve("cert.pem").toString(), "privateKey", dir.resolve("key.pem").toString(),
        "httpPort", challengePort, "tlsPort", freePort(), "ocspResponderURL", "",
        "externalAccountBindingRequired", false, "certificateValidityPeriod", validity.toSeconds())));
    ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-config", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
    builder.environment().putAll(Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0",
        "PEBBLE_AUTHZREUSE", "0"));
    process = builder.start();
    client = HttpClient.newBuilder().sslContext(AcmeClient.trusting(tlsCertificate())).build();
    awaitDirectory();
  }

  /** The ACME directory URL. */
  public URI directory() {
    return URI.create("https://127.0.0.1:" + acmePort + "/dir");
  }

  /** Pebble's own HTTPS certificate, which an ACME client must trust. */
  public Path tlsCertificate() {
    return dir.resolve("cert.pem");
  }

  /** Where Pebble fetches http-01 answers on the identifier's address. */
  public int challengePort() {
    return challengePort;
  }

  /** The root Pebble issues under, as a PEM file: what a client of an issued certificate trusts. */
  public Path root() throws IOException, InterruptedException {
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("no root from Pebble: " + answer.statusCode());
    }
    Path root = dir.resolve("root.pem");
    Files.writeString(root, answer.body());
    return root;
  }

  private void awaitDirectory() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("pebble exited: " + Files.readString(dir.resolve("pebble.log")));
      }
      try {
        if (client.send(HttpRequest.newBuilder(directory()).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IOException("pebble did not answer within " + START + ": " + Files.readString(dir.resolve("pebble.log")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
