package io.browsergrid.agent.server;

import io.browsergrid.agent.BrowserCpuGroup;
import io.browsergrid.agent.BrowserSandbox;
import io.browsergrid.agent.BrowserSandboxes;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.CurrentUser;
import io.browsergrid.agent.UnconfinedBrowserSandbox;
import io.browsergrid.agent.acme.AcmeSettings;
import io.browsergrid.agent.acme.AgentCertificate;
import io.browsergrid.agent.egress.EgressProxy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The browser container's entry point: reads {@link AgentVariables} from the environment, runs one {@link Agent}
 * and exits with its {@link AgentExit#code()}: 0 after SIGTERM (Chromium's tree killed first), 1 when Chromium
 * exited, 2 for a configuration error, 3 when Chromium did not start or no certificate could be had, 4 when the
 * certificate expired without a renewal.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    AgentConfig config;
    Optional<AcmeSettings> acme;
    try {
      AgentVariables variables = new AgentVariables(System.getenv());
      config = variables.config();
      acme = variables.acme();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("browsergrid agent: " + e.getMessage());
      System.exit(AgentExit.CONFIGURATION);
      return;
    }
    Clock clock = Clock.systemUTC();
    ExecutorService callbackThreads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "agent-callbacks");
      thread.setDaemon(true);
      return thread;
    });
    AgentEvents events = config.callbackUrl() == null ? AgentEvents.discarding()
        : new SignedCallbacks(config.callbackUrl(), config.sessionId(), config.sessionToken(),
            HttpClient.newBuilder().executor(callbackThreads).build(), callbackThreads, clock);
    BrowserSandbox sandbox;
    try {
      // a container without user namespaces has room for neither bubblewrap nor Chromium's own sandbox
      sandbox = config.forceNoSandbox() ? new UnconfinedBrowserSandbox(true)
          : BrowserSandboxes.choose(false, config.chromium(), CurrentUser.read());
    } catch (IllegalStateException e) {
      System.err.println("browsergrid agent: " + e.getMessage());
      System.exit(AgentExit.CONFIGURATION);
      return;
    }
    if (!sandbox.isolates()) {
      System.err.println("browsergrid agent: WARNING: the browser sandbox is off (" + AgentVariables.NO_SANDBOX
          + "): the task is the only boundary; pages go through the egress policy on a loopback port");
    }
    // pages reach public addresses only: never the task's metadata endpoints, never the VPC
    EgressProxy egress = new EgressProxy(EgressProxy.guard(false));
    Agent agent = new Agent(config, new ChromiumLauncher(config.chromium(), sandbox, egress,
        // most containers let no process create a cgroup, which is fine: the browser then runs at SCHED_IDLE
        BrowserCpuGroup.findOr(why -> { })), events,
        // the certificate for the task's public IP, obtained while Chromium starts
        acme.map(settings -> new AgentCertificate(settings, config.bindHost(), clock)).orElse(null), clock);
    // the JVM reports SIGTERM as 143 however its hooks end; halting with the agent's own code makes a stop exit 0
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> Runtime.getRuntime().halt(agent.stop().code()), "agent-shutdown"));
    try {
      agent.start();
    } catch (IOException | RuntimeException e) {
      System.err.println("browsergrid agent: " + e.getMessage());
    }
    System.exit(agent.exited().join().code());
  }
}
