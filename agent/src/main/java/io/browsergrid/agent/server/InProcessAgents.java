package io.browsergrid.agent.server;

import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.browser.AgentEnvironment;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A cloud's container provider on this machine, for running a cloud deployable locally ({@code scripts/run aws}) and
 * its ITs: each start runs the real agent, in process, configured from exactly the environment a container gets ({@link AgentEnvironment}, read back by
 * {@link AgentVariables}), with a sandboxed Chromium, listening on loopback, posting its signed callbacks to the
 * deployment's agent-events URL. A session's {@code cdpUrl} is then this agent's endpoint and token, as in the cloud.
 */
public final class InProcessAgents implements BrowserProvider, AutoCloseable {
  /** What a container's state names as its version: the agent reports Chromium's own in its callbacks. */
  private static final String VERSION = "Chromium (agent)";
  private final URI callbackUrl;
  private final Path workDir;
  private final Map<String, String> extraEnv;
  private final Function<AgentConfig, ChromiumLauncher> launchers;
  private final Map<String, Running> agents = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final ExecutorService callbacks = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "in-process-agent-callbacks");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder().executor(callbacks).build();

  private record Running(Agent agent, BrowserHandle handle, String endpoint, String token) {}

  /**
   * @param callbackUrl where every agent posts its signed events (the deployment's agent-events function), or null
   *                    for agents that report to nobody
   * @param workDir     where the browsers' profiles go
   * @param extraEnv    more of the container's environment ({@code BROWSERGRID_CHROME_PATH}, say)
   * @param launchers   the Chromium launcher of each agent, from its configuration (sandbox, egress, CPU group)
   */
  public InProcessAgents(URI callbackUrl, Path workDir, Map<String, String> extraEnv,
      Function<AgentConfig, ChromiumLauncher> launchers) {
    this.callbackUrl = callbackUrl;
    this.workDir = workDir;
    this.extraEnv = Map.copyOf(extraEnv);
    this.launchers = launchers;
  }

  @Override
  public String name() {
    return "agent";
  }

  /**
   * Starts an agent for {@code spec}. A spec without a token (a container started by something other than the
   * control plane) gets a random one, so nobody can use its CDP.
   */
  @Override
  public BrowserHandle start(BrowserSpec spec) {
    byte[] random16 = new byte[16];
    random.nextBytes(random16);
    String token = spec.agentToken() != null ? spec.agentToken() : HexFormat.of().formatHex(random16);
    Map<String, String> env = new LinkedHashMap<>(AgentEnvironment.of(
        new BrowserSpec(spec.browserId(), spec.options() == null ? BrowserOptions.DEFAULT : spec.options(),
            spec.labels(), token), callbackUrl == null ? null : callbackUrl.toString()));
    env.putAll(extraEnv);
    env.put(AgentVariables.BIND_ADDRESS, "127.0.0.1");
    env.put(AgentVariables.WORK_DIR, workDir.resolve(spec.browserId()).toString());
    AgentConfig parsed = new AgentVariables(env).config();
    // port 0: many agents on one machine, where each container would have its own address
    AgentConfig config = new AgentConfig(parsed.sessionId(), parsed.browserId(), parsed.sessionToken(),
        parsed.bindHost(), 0, parsed.tls(), parsed.publicUrl(), parsed.callbackUrl(), parsed.chromium(),
        parsed.forceNoSandbox(), parsed.browser(), parsed.activityInterval(), parsed.startTimeout(),
        parsed.workDir());
    AgentEvents events = config.callbackUrl() == null ? AgentEvents.discarding()
        : new SignedCallbacks(config.callbackUrl(), config.sessionId(), config.sessionToken(), http, callbacks,
            Clock.systemUTC());
    Agent agent = new Agent(config, launchers.apply(config), events,
        Clock.systemUTC());
    InetSocketAddress address;
    try {
      address = agent.start();
    } catch (IOException e) {
      throw new BrowserProviderException("the agent did not start: " + e.getMessage(), e);
    }
    BrowserHandle handle = new BrowserHandle(spec.browserId(), "agent:" + address.getPort());
    agents.put(spec.browserId(), new Running(agent, handle, "ws://127.0.0.1:" + address.getPort() + "/cdp", token));
    return handle;
  }

  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    Running running = agents.get(handle.browserId());
    if (running == null) {
      return BrowserState.gone("no such agent");
    }
    try {
      running.agent().ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return BrowserState.starting();
    } catch (ExecutionException e) {
      return BrowserState.failed(String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BrowserState.starting();
    }
    return state(handle);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    Running running = agents.get(handle.browserId());
    if (running == null || running.agent().exited().isDone()) {
      return BrowserState.gone("the agent has ended");
    }
    if (!running.agent().ready().isDone()) {
      return BrowserState.starting();
    }
    return running.agent().ready().isCompletedExceptionally() ? BrowserState.failed("the agent did not start")
        : BrowserState.running(running.endpoint(), VERSION);
  }

  /** The CDP token of browser {@code browserId}'s agent, for a test that speaks CDP to it without a session. */
  public Optional<String> tokenOf(String browserId) {
    return Optional.ofNullable(agents.get(browserId)).map(Running::token);
  }

  @Override
  public void stop(BrowserHandle handle) {
    Running running = agents.remove(handle.browserId());
    if (running != null) {
      running.agent().stop();
    }
  }

  @Override
  public List<BrowserHandle> list() {
    return agents.values().stream().filter(r -> !r.agent().exited().isDone()).map(Running::handle).toList();
  }

  /** Stops every agent still running. */
  @Override
  public void close() {
    List.copyOf(agents.values()).forEach(r -> stop(r.handle()));
    callbacks.shutdownNow();
  }
}
