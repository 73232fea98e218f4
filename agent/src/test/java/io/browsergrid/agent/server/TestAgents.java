package io.browsergrid.agent.server;

import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.session.SessionIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds agents for tests: a real Chromium, a real session id and token, loopback only, port 0. */
public final class TestAgents {
  static final long WAIT_SECONDS = 30;

  private TestAgents() {}

  /** A fresh session id and the token the control plane would derive for it. */
  record Session(String id, String token) {
    static Session random() {
      SecureRandom random = new SecureRandom();
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      String id = new SessionIds(random).next(Instant.now());
      return new Session(id, new CdpTokens(secret).token(id));
    }
  }

  static AgentConfig config(Session session, Path workDir, AgentConfig.Tls tls, URI callbackUrl,
      Duration activityInterval) {
    return new AgentConfig(session.id(), session.id(), session.token(), "127.0.0.1", 0, tls, null, callbackUrl,
        new ChromiumLocator(System.getenv()).locate(), false, BrowserOptions.DEFAULT, activityInterval,
        Duration.ofSeconds(WAIT_SECONDS), workDir);
  }

  static Agent agent(AgentConfig config, AgentEvents events) {
    return new Agent(config, TestLaunchers.sandboxed(config.chromium(), java.util.Optional.empty()), events,
        Clock.systemUTC());
  }

  /** Signed callbacks to {@code config}'s callback URL on a daemon executor of their own. */
  static AgentEvents callbacks(AgentConfig config) {
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "test-callbacks");
      thread.setDaemon(true);
      return thread;
    });
    return new SignedCallbacks(config.callbackUrl(), config.sessionId(), config.sessionToken(),
        HttpClient.newBuilder().executor(executor).build(), executor, Clock.systemUTC());
  }

  /** {@link InProcessAgents} as the ITs run them: the machine's Chromium, sandboxed, its egress letting loopback in. */
  public static InProcessAgents inProcess(URI callbackUrl, Path workDir) {
    return inProcess(callbackUrl, workDir, Map.of());
  }

  /** The same, with {@code extraEnv} added to each agent's environment. */
  public static InProcessAgents inProcess(URI callbackUrl, Path workDir, Map<String, String> extraEnv) {
    return new InProcessAgents(callbackUrl, workDir, extraEnv,
        config -> TestLaunchers.sandboxed(config.chromium(), Optional.empty()));
  }
}
