package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.agent.CdpTestClient;
import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.LeftoverChromium;
import io.browsergrid.browser.BrowserOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with a certificate: {@code wss} for clients, plain HTTP only from loopback. The self-signed certificate
 * comes from the {@code openssl} command (the JDK has no public API to make one); without it the test is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTlsIT {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  private final TestAgents.Session session = TestAgents.Session.random();
  private final Optional<InetAddress> external = externalAddress();
  private Agent agent;
  private int port;
  private HttpClient trusting;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "openssl is needed to make a test certificate");
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    List<String> names = new ArrayList<>(List.of("IP:127.0.0.1"));
    external.ifPresent(address -> names.add("IP:" + address.getHostAddress()));
    Process openssl = new ProcessBuilder(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1",
        "-subj", "/CN=browsergrid-agent-test", "-addext", "subjectAltName=" + String.join(",", names))
        .redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(output).isZero();

    trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(cert)).build();
    AgentConfig config = new AgentConfig(session.id(), session.id(), session.token(), "0.0.0.0", 0,
        new AgentConfig.Tls(cert, key), null, null, new ChromiumLocator(System.getenv()).locate(), false,
        BrowserOptions.DEFAULT, Duration.ofMinutes(1), Duration.ofSeconds(TestAgents.WAIT_SECONDS), tmp);
    agent = TestAgents.agent(config, AgentEvents.discarding());
    port = agent.start().getPort();
    agent.ready().get(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    if (agent != null) {
      assertThat(agent.stop().code()).isZero();
    }
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void clientsTalkCdpOverWss() throws Exception {
    URI wss = URI.create("wss://127.0.0.1:" + port + "/cdp?token=" + session.token());
    try (CdpTestClient cdp = CdpTestClient.connect(trusting, wss)) {
      assertThat(cdp.call("Browser.getVersion", null).get("product").asText()).contains("Chrome/");
    }
  }

  @Test
  void jsonVersionOverHttpsAdvertisesWss() throws Exception {
    HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + port + "/json/version?token=" + session.token())).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("webSocketDebuggerUrl").asText())
        .isEqualTo("wss://127.0.0.1:" + port + "/cdp?token=" + session.token());
  }

  @Test
  void plainHttpIsServedToLoopbackOnly() throws Exception {
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address to connect from");
    String remote = external.get().getHostAddress() + ":" + port;
    assertThat(trusting.send(HttpRequest.newBuilder(URI.create("https://" + remote + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://" + remote + "/health"))
        .timeout(Duration.ofSeconds(TestAgents.WAIT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("agent", certificate);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static Optional<InetAddress> externalAddress() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(AgentTlsIT::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
          .findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
