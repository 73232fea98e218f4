package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.agent.CdpTestClient;
import io.browsergrid.agent.LeftoverChromium;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.agent.acme.AcmeSettings;
import io.browsergrid.agent.acme.AgentCertificate;
import io.browsergrid.agent.acme.Pebble;
import io.browsergrid.agent.acme.TestCertificates;
import io.browsergrid.session.AgentReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's certificate by ACME, against a real ACME server (Pebble): obtained for 127.0.0.1 over http-01 while
 * Chromium starts, served as {@code wss} to a client that trusts Pebble's root only, renewed before it expires;
 * without a certificate (a failed challenge, an expired file) the agent is never ready, so no session gets it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentAcmeIT {
  // short-lived, as Let's Encrypt's IP certificates are, only more so: renewal comes at two thirds of it
  private static final Duration VALIDITY = Duration.ofSeconds(30);

  @TempDir
  static Path tmp;

  private Pebble pebble;
  private HttpClient trustingPebbleRoot;
  private final List<Agent> agents = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startPebble() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("pebble"));
    pebble = new Pebble(dir, VALIDITY);
    trustingPebbleRoot = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(trusting(pebble.root())).build();
  }

  @AfterEach
  void stopAgents() {
    agents.forEach(Agent::stop);
    agents.clear();
  }

  @AfterAll
  void stopPebble() throws Exception {
    if (pebble != null) {
      pebble.close();
    }
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void theAgentGetsACertificateFor127001AndServesWssToAClientTrustingPebblesRootOnly() throws Exception {
    List<AgentReport> reports = new CopyOnWriteArrayList<>();
    TestAgents.Session session = TestAgents.Session.random();
    Agent agent = acmeAgent(session, pebble.challengePort(), reports);
    int port = agent.start().getPort();

    agent.ready().get(TestAgents.WAIT_SECONDS * 3, TimeUnit.SECONDS);

    X509Certificate served = servedCertificate(port, session);
    // type 7: an iPAddress name
    assertThat(served.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"));
    assertThat(reports).extracting(AgentReport::type).contains(AgentReport.Type.READY);
    URI wss = URI.create("wss://127.0.0.1:" + port + "/cdp?token=" + session.token());
    try (CdpTestClient cdp = CdpTestClient.connect(trustingPebbleRoot, wss)) {
      assertThat(cdp.call("Browser.getVersion", null).get("product").asText()).contains("Chrome/");
    }
  }

  @Test
  void theCertificateIsRenewedBeforeItExpires() throws Exception {
    TestAgents.Session session = TestAgents.Session.random();
    Agent agent = acmeAgent(session, pebble.challengePort(), new CopyOnWriteArrayList<>());
    int port = agent.start().getPort();
    agent.ready().get(TestAgents.WAIT_SECONDS * 3, TimeUnit.SECONDS);
    X509Certificate first = servedCertificate(port, session);

    X509Certificate renewed = first;
    long deadline = System.nanoTime() + VALIDITY.multipliedBy(3).toNanos();
    while (renewed.getSerialNumber().equals(first.getSerialNumber()) && System.nanoTime() < deadline) {
      agent.exited().completeOnTimeout(null, 250, TimeUnit.MILLISECONDS).join();
      renewed = servedCertificate(port, session);
    }

    assertThat(renewed.getSerialNumber()).as("a renewed certificate is served").isNotEqualTo(first.getSerialNumber());
    assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
    assertThat(agent.exited()).isNotDone();
  }

  @Test
  void anAgentWhoseChallengeFailsIsNeverReadyAndReportsItsExit() throws Exception {
    List<AgentReport> reports = new CopyOnWriteArrayList<>();
    // the agent answers challenges where Pebble does not look: the CA finds the challenge invalid
    Agent agent = acmeAgent(TestAgents.Session.random(), freePort(), reports);
    agent.start();

    assertThatThrownBy(() -> agent.ready().get(TestAgents.WAIT_SECONDS * 3, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    AgentExit exit = agent.exited().get(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(exit.code()).isEqualTo(AgentExit.START_FAILED);
    assertThat(exit.reason()).contains("no TLS certificate");
    assertThat(reports).extracting(AgentReport::type).containsExactly(AgentReport.Type.EXITED);
  }

  @Test
  void aChallengePortThatCannotBeHadFailsTheStartBeforeAnyChromium() throws Exception {
    List<AgentReport> reports = new CopyOnWriteArrayList<>();
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Agent agent = acmeAgent(TestAgents.Session.random(), taken.getLocalPort(), reports);

      assertThatThrownBy(agent::start).isInstanceOf(IOException.class).hasMessageContaining("no TLS certificate");
      assertThat(agent.exited().get(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS).reason())
          .contains("cannot answer ACME challenges");
      assertThat(reports).extracting(AgentReport::type).containsExactly(AgentReport.Type.EXITED);
    }
  }

  @Test
  void anExpiredCertificateFileKeepsTheAgentFromStarting() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("expired"));
    Instant now = Instant.now();
    TestCertificates.write(dir, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
    List<AgentReport> reports = new CopyOnWriteArrayList<>();
    AgentConfig config = TestAgents.config(TestAgents.Session.random(), tmp.resolve("work"),
        new AgentConfig.Tls(dir.resolve("cert.pem"), dir.resolve("key.pem")), null, Duration.ofMinutes(1));
    Agent agent = new Agent(config, TestLaunchers.sandboxed(config.chromium(), Optional.empty()), recording(reports),
        Clock.systemUTC());
    agents.add(agent);

    assertThatThrownBy(agent::start).isInstanceOf(IOException.class).hasMessageContaining("not valid now");
    assertThat(agent.ready()).isCompletedExceptionally();
    assertThat(agent.exited().get(TestAgents.WAIT_SECONDS, TimeUnit.SECONDS).code()).isEqualTo(AgentExit.START_FAILED);
    assertThat(reports).extracting(AgentReport::type).doesNotContain(AgentReport.Type.READY);
  }

  private Agent acmeAgent(TestAgents.Session session, int challengePort, List<AgentReport> reports) {
    AgentConfig config = TestAgents.config(session, tmp.resolve("work"), null, null, Duration.ofMinutes(1));
    AcmeSettings acme = new AcmeSettings(pebble.directory(), "127.0.0.1", null, challengePort,
        pebble.tlsCertificate(), AcmeSettings.SHORT_LIVED);
    Agent agent = new Agent(config, TestLaunchers.sandboxed(config.chromium(), Optional.empty()), recording(reports),
        new AgentCertificate(acme, "127.0.0.1", Clock.systemUTC()), Clock.systemUTC());
    agents.add(agent);
    return agent;
  }

  private X509Certificate servedCertificate(int port, TestAgents.Session session) throws Exception {
    // a new connection each time: a kept-alive one would go on showing the certificate of its handshake
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(trustingPebbleRoot.sslContext()).build();
    HttpResponse<String> answer = fresh.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + port + "/json/version?token=" + session.token())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return (X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  private static AgentEvents recording(List<AgentReport> reports) {
    return report -> {
      reports.add(report);
      return CompletableFuture.completedFuture(null);
    };
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
