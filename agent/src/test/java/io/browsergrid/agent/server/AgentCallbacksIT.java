package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.browsergrid.agent.CdpTestClient;
import io.browsergrid.agent.LeftoverChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed callbacks to a local receiver, and what the agent does when its Chromium dies. */
class AgentCallbacksIT {
  private static final long WAIT = TestAgents.WAIT_SECONDS;

  @TempDir
  Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestAgents.Session session = TestAgents.Session.random();
  private CallbackReceiver receiver;
  private Agent agent;

  @AfterEach
  void stopEverything() {
    if (agent != null) {
      agent.stop();
    }
    if (receiver != null) {
      receiver.close();
    }
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void readyAndActivityAreSignedWithTheSessionToken() throws Exception {
    // the first POST is refused with 503: "ready" must arrive anyway, on a retry
    receiver = new CallbackReceiver(1);
    URI cdp = start(Duration.ofSeconds(1));

    CallbackReceiver.Callback ready = receiver.next(c -> c.type().equals("ready"), WAIT);
    assertThat(receiver.all().get(0).answered()).isEqualTo(503);
    assertThat(ready.session()).isEqualTo(session.id());
    assertThat(ready.signedWith(session.token())).isTrue();
    assertThat(ready.signedWith(session.token() + "x")).isFalse();
    assertThat(Long.parseLong(ready.timestamp())).isCloseTo(Instant.now().getEpochSecond(), within(300L));
    assertThat(ready.json().get("browserId").asText()).isEqualTo(session.id());
    assertThat(Instant.parse(ready.json().get("at").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(ready.clients()).isZero();

    try (CdpTestClient client = CdpTestClient.connect(http, cdp)) {
      client.call("Browser.getVersion", null);
      CallbackReceiver.Callback connected = receiver.next(c -> c.type().equals("activity"), WAIT);
      assertThat(connected.clients()).isEqualTo(1);
      // while the client stays connected, activity keeps coming every interval
      CallbackReceiver.Callback periodic = receiver.next(c -> c.type().equals("activity"), WAIT);
      assertThat(periodic.clients()).isEqualTo(1);
      assertThat(periodic.signedWith(session.token())).isTrue();
    }
    CallbackReceiver.Callback disconnected = receiver.next(c -> c.type().equals("activity") && c.clients() == 0, WAIT);
    assertThat(disconnected.signedWith(session.token())).isTrue();
    assertThat(receiver.all()).allSatisfy(c -> assertThat(c.signedWith(session.token())).isTrue());
  }

  @Test
  void killingChromiumReportsExitedAndEndsTheAgent() throws Exception {
    receiver = new CallbackReceiver(0);
    URI cdp = start(Duration.ofMinutes(1));
    receiver.next(c -> c.type().equals("ready"), WAIT);
    CdpTestClient client = CdpTestClient.connect(http, cdp);
    client.call("Browser.getVersion", null);
    receiver.next(c -> c.type().equals("activity") && c.clients() == 1, WAIT);

    ProcessHandle chromium = ProcessHandle.current().children()
        .filter(child -> child.info().commandLine().orElse("").contains(tmp.toString()))
        .findFirst().orElseThrow(() -> new AssertionError("no Chromium child under " + tmp));
    chromium.destroyForcibly();

    AgentExit exit = agent.exited().get(WAIT, TimeUnit.SECONDS);
    assertThat(exit.code()).isEqualTo(AgentExit.BROWSER_EXITED);
    assertThat(exit.reason()).startsWith("Chromium exited");
    // "exited" is delivered before the agent reports its end
    assertThat(receiver.all()).anySatisfy(c -> {
      assertThat(c.type()).isEqualTo("exited");
      assertThat(c.signedWith(session.token())).isTrue();
    });
    assertThat(client.closed().get(WAIT, TimeUnit.SECONDS)).isNotBlank();
    assertThat(agent.stop()).isEqualTo(exit);
  }

  @Test
  void aChromiumThatNeverAnswersEndsTheAgentAsAFailedStart() throws Exception {
    receiver = new CallbackReceiver(0);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path notChromium = Files.writeString(bin.resolve("not-chromium"),
        "#!/bin/sh\necho 'no browser here' >&2\nexit 7\n");
    // the browser's own uid runs it in the sandbox
    Files.setPosixFilePermissions(notChromium, PosixFilePermissions.fromString("rwxr-xr-x"));
    AgentConfig real = TestAgents.config(session, tmp, null, receiver.url(session.id()), Duration.ofMinutes(1));
    AgentConfig config = new AgentConfig(real.sessionId(), real.browserId(), real.sessionToken(), real.bindHost(),
        real.port(), null, null, real.callbackUrl(), notChromium, false, real.browser(), real.activityInterval(),
        real.startTimeout(), real.workDir());
    agent = TestAgents.agent(config, TestAgents.callbacks(config));
    agent.start();

    AgentExit exit = agent.exited().get(WAIT, TimeUnit.SECONDS);
    assertThat(exit.code()).isEqualTo(AgentExit.START_FAILED);
    assertThat(exit.reason()).contains("code 7").contains("no browser here");
    assertThat(agent.ready()).isCompletedExceptionally();
    assertThat(receiver.all()).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo("exited");
      assertThat(c.clients()).isZero();
    });
  }

  private URI start(Duration activityInterval) throws Exception {
    AgentConfig config = TestAgents.config(session, tmp, null, receiver.url(session.id()), activityInterval);
    agent = TestAgents.agent(config, TestAgents.callbacks(config));
    int port = agent.start().getPort();
    agent.ready().get(WAIT, TimeUnit.SECONDS);
    return URI.create("ws://127.0.0.1:" + port + "/cdp?token=" + session.token());
  }
}
