package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.LeftoverChromium;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AgentMain} as the container runs it: a JVM of its own, configured by environment variables. */
class AgentMainIT {
  private static final long WAIT = TestAgents.WAIT_SECONDS;

  @TempDir
  Path tmp;

  @Test
  void sigtermKillsChromiumAndExitsZero() throws Exception {
    TestAgents.Session session = TestAgents.Session.random();
    int port = freePort();
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      Process agent = start(Map.of(
          AgentVariables.BROWSER_ID, session.id(),
          AgentVariables.SESSION_TOKEN, session.token(),
          AgentVariables.CALLBACK_URL, receiver.url(session.id()).toString(),
          AgentVariables.PORT, Integer.toString(port),
          AgentVariables.BIND_ADDRESS, "127.0.0.1",
          AgentVariables.WORK_DIR, tmp.toString(),
          ChromiumLocator.ENV, new ChromiumLocator(System.getenv()).locate().toString()));
      try {
        CallbackReceiver.Callback ready = receiver.next(c -> c.type().equals("ready"), WAIT);
        assertThat(ready.signedWith(session.token())).isTrue();
        HttpResponse<String> health = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        agent.destroy();

        assertThat(agent.waitFor(WAIT, TimeUnit.SECONDS)).as("agent exited after SIGTERM").isTrue();
        assertThat(agent.exitValue()).as(output()).isZero();
      } finally {
        agent.destroyForcibly();
      }
    }
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void aMissingTokenIsAConfigurationError() throws Exception {
    Process agent = start(Map.of(AgentVariables.BROWSER_ID, "b-1", AgentVariables.WORK_DIR, tmp.toString()));
    try {
      assertThat(agent.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
      assertThat(agent.exitValue()).isEqualTo(AgentExit.CONFIGURATION);
      assertThat(output()).contains(AgentVariables.SESSION_TOKEN + " is not set");
    } finally {
      agent.destroyForcibly();
    }
  }

  private Process start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, AgentMain.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("agent.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("BROWSERGRID_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private String output() throws Exception {
    return Files.readString(tmp.resolve("agent.log"), StandardCharsets.UTF_8);
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }
}
