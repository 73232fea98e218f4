package io.browsergrid;

import io.browsergrid.admission.StartQueue;
import io.browsergrid.api.AgentCallbacks;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.CdpGateway;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.auth.OperatorBootstrap;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.cleanup.Cleanup;
import io.browsergrid.event.EventQueue;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.pool.PoolKeeper;
import io.browsergrid.pool.PoolService;
import io.browsergrid.session.SessionReaper;
import io.browsergrid.session.SessionService;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.webhook.WebhookDeliverer;
import java.util.Optional;

/**
 * The core wired from its ports: every deployable's composition root builds one with {@link #builder} around its
 * store, its browser provider, its event queue and its settings, and serves the function beans: {@link #api()},
 * {@link #cleanup()}, {@link #deliverWebhooks()}, {@link #agentCallbacks()} (and, where it proxies CDP itself,
 * {@link #cdp()}).
 */
public final class BrowserGridCore {
  private final ApiHandler api;
  private final CdpGateway cdp;
  private final Cleanup cleanup;
  private final SessionReaper reaper;
  private final SessionService sessions;
  private final AgentCallbacks agentCallbacks;
  private final WebhookDeliverer deliverer;
  private final OperatorBootstrap bootstrap;
  private final Metrics metrics;
  private final PoolService pools;
  private final PoolKeeper keeper;
  private final CdpTokens tokens;
  private final StartQueue startQueue;
  private final CoreSettings settings;

  /** The parts {@link CoreBuilder} wired. */
  BrowserGridCore(ApiHandler api, CdpGateway cdp, Cleanup cleanup, SessionReaper reaper, SessionService sessions,
      AgentCallbacks agentCallbacks, WebhookDeliverer deliverer, OperatorBootstrap bootstrap, Metrics metrics,
      PoolService pools, PoolKeeper keeper, CdpTokens tokens, StartQueue startQueue, CoreSettings settings) {
    this.api = api;
    this.cdp = cdp;
    this.cleanup = cleanup;
    this.reaper = reaper;
    this.sessions = sessions;
    this.agentCallbacks = agentCallbacks;
    this.deliverer = deliverer;
    this.bootstrap = bootstrap;
    this.metrics = metrics;
    this.pools = pools;
    this.keeper = keeper;
    this.tokens = tokens;
    this.startQueue = startQueue;
    this.settings = settings;
  }

  /**
   * A builder of a core on these ports; {@link CoreBuilder} names what else may be set.
   *
   * @param queue carries events to {@link #deliverWebhooks()}
   */
  public static CoreBuilder builder(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      CoreSettings settings) {
    return new CoreBuilder(store, provider, queue, settings);
  }

  /** The {@code api} function: every HTTP request of API.md. */
  public ApiHandler api() {
    return api;
  }

  /** The {@code cleanup} function. */
  public Cleanup cleanup() {
    return cleanup;
  }

  /** The {@code deliverWebhooks} function. */
  public WebhookDeliverer deliverWebhooks() {
    return deliverer;
  }

  /** CDP WebSocket authorisation and client tracking, for an edge that proxies CDP. */
  public CdpGateway cdp() {
    return cdp;
  }

  /** The per-session CDP tokens: what a browser's agent checks and signs its callbacks with. */
  public CdpTokens cdpTokens() {
    return tokens;
  }

  /** Serves browser agents' signed callbacks: what every cloud's {@code agentEvents} function hands on. */
  public AgentCallbacks agentCallbacks() {
    return agentCallbacks;
  }

  /** Ends every live session (shutdown, recovery). */
  public SessionReaper reaper() {
    return reaper;
  }

  public SessionService sessions() {
    return sessions;
  }

  /**
   * Run at every start: tenant {@code default}, the operator key, the shared {@code default} pool.
   *
   * @return the operator key generated now (print it once), or empty
   */
  public Optional<String> bootstrap(Optional<String> configuredKey) {
    Optional<String> generated = bootstrap.ensure(configuredKey, settings.maxSessions());
    pools.ensureDefault(settings.defaultPoolMinIdle(), settings.maxSessions());
    return generated;
  }

  /** Tops up warm pools; standalone runs it often, clouds from the cleanup schedule. */
  public PoolKeeper pools() {
    return keeper;
  }

  /** The start line cold starts wait in; a standalone server empties it at start. */
  public StartQueue startQueue() {
    return startQueue;
  }

  public Metrics metrics() {
    return metrics;
  }
}
