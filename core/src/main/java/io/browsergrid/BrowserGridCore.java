package io.browsergrid;

import io.browsergrid.admission.StartQueue;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.AgentCallbacks;
import io.browsergrid.api.ApiHandlers;
import io.browsergrid.api.CdpGateway;
import io.browsergrid.auth.ApiKeyRepository;
import io.browsergrid.auth.ApiKeyService;
import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.KeyHasher;
import io.browsergrid.auth.OperatorBootstrap;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.auth.TenantService;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.cleanup.Cleanup;
import io.browsergrid.cleanup.TenantRemoval;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.metrics.RecentReading;
import io.browsergrid.pool.Pool;
import io.browsergrid.pool.PoolClaimer;
import io.browsergrid.pool.PoolCounts;
import io.browsergrid.pool.PoolBrowserIndex;
import io.browsergrid.pool.PoolKeeper;
import io.browsergrid.pool.PoolRepository;
import io.browsergrid.pool.PoolService;
import io.browsergrid.session.AgentReports;
import io.browsergrid.session.AgentSignatures;
import io.browsergrid.session.CdpTokens;
import io.browsergrid.session.CreateRate;
import io.browsergrid.session.InMemorySessionActivity;
import io.browsergrid.session.SessionActivity;
import io.browsergrid.session.SessionCensus;
import io.browsergrid.session.SessionEnder;
import io.browsergrid.session.SessionEvents;
import io.browsergrid.session.SessionIds;
import io.browsergrid.session.SessionReaper;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionService;
import io.browsergrid.session.SessionStarter;
import io.browsergrid.session.ServerSlots;
import io.browsergrid.session.StoredSessionActivity;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.usage.UsageService;
import io.browsergrid.webhook.AddressGuard;
import io.browsergrid.webhook.CircuitBreaker;
import io.browsergrid.webhook.RetryPolicy;
import io.browsergrid.webhook.SecretBox;
import io.browsergrid.webhook.WebhookDeliverer;
import io.browsergrid.webhook.WebhookRepository;
import io.browsergrid.webhook.WebhookSender;
import io.browsergrid.webhook.WebhookService;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.ToIntFunction;

/**
 * The core wired from its ports: every deployable's composition root builds one of these around its store, its
 * browser provider, its event queue and its settings, and serves the function beans: {@link #api()},
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
  private final java.util.OptionalInt defaultPoolMinIdle;
  private final int maxSessions;
  /** Browsers a pool starts at once; more would only slow each other down on a small machine. */
  private static final int MAX_CONCURRENT_POOL_STARTS = 2;
  /** How old the store readings behind the session and pool gauges may be. */
  private static final Duration GAUGE_MAX_AGE = Duration.ofSeconds(5);

  /**
   * @param queue    carries events to {@link #deliverWebhooks()}
   * @param executor runs browser starts off the request thread; owned by the caller, which shuts it down
   * @param activity the CDP client counts; standalone passes the one its proxy feeds
   */
  public BrowserGridCore(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      InMemorySessionActivity activity, CoreSettings settings, ExecutorService executor, Clock clock) {
    this(store, provider, queue, activity, activity, settings, executor, clock, false);
  }

  /**
   * The core of a deployment whose browsers' agents report their clients ({@link #agentCallbacks()}), the clouds.
   *
   * @param proxied  counts the clients of {@link #cdp()}, a proxy such deployments do not serve (tests may)
   * @param activity what idle timeouts read and agents' reports write: a {@link StoredSessionActivity} where several
   *                 instances serve
   */
  public BrowserGridCore(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      InMemorySessionActivity proxied, SessionActivity activity, CoreSettings settings, ExecutorService executor,
      Clock clock) {
    this(store, provider, queue, proxied, activity, settings, executor, clock, true);
  }

  /** @param agentsReport browsers' agents report (clouds): warm browsers are indexed for their reports */
  private BrowserGridCore(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      InMemorySessionActivity proxied, SessionActivity activity, CoreSettings settings, ExecutorService executor,
      Clock clock, boolean agentsReport) {
    JsonCodec json = new JsonCodec();
    SecureRandom random = new SecureRandom();
    SecretKeys keys = new SecretKeys(settings.secretKey());
    KeyHasher hasher = new KeyHasher(random);
    SessionIds ids = new SessionIds(random);
    Outbox outbox = new Outbox(store, json, queue);
    SessionRepository sessionRepo = new SessionRepository(store, json, outbox, new SessionEvents(ids));
    TenantRepository tenantRepo = new TenantRepository(store, json);
    ApiKeyRepository keyRepo = new ApiKeyRepository(store, json);
    ServerSlots slots = new ServerSlots(store, json, settings.maxSessions());
    SessionEnder ender = new SessionEnder(sessionRepo, slots, provider, activity, clock);
    SessionCensus census = new SessionCensus(tenantRepo, sessionRepo);
    // gauges read the store: at most once per period, however often /metrics is scraped
    this.metrics = new Metrics(new RecentReading<>(census::liveByStatus, GAUGE_MAX_AGE, clock));
    PoolRepository poolRepo = new PoolRepository(store, json);
    ToIntFunction<Pool> busy = p -> census.liveOnPool(Pool.SHARED.equals(p.owner()) ? null : p.owner(), p.name());
    this.tokens = new CdpTokens(keys.derive("cdp-token"));
    PoolBrowserIndex poolBrowsers = new PoolBrowserIndex(store, json, poolRepo, clock, agentsReport);
    this.startQueue = new StartQueue(store, json, clock, settings.admission(), settings.startTimeout());
    this.keeper = new PoolKeeper(poolRepo, provider, busy, executor, clock, settings.startTimeout(),
        MAX_CONCURRENT_POOL_STARTS, poolBrowsers, tokens,
        () -> settings.maxSessions() - slots.count() - poolRepo.warmTotal(), startQueue);
    this.pools = new PoolService(poolRepo, new PoolClaimer(poolRepo, provider, clock), keeper, busy, store, outbox,
        ids, metrics, executor, clock, provider.name(), poolBrowsers, tenantRepo);
    metrics.poolCountsFrom(new RecentReading<>(() -> {
      Map<String, PoolCounts> byLabel = new TreeMap<>();
      for (Pool p : poolRepo.all()) {
        byLabel.merge(p.metricsLabel(), pools.counts(p), PoolCounts::plus);
      }
      Map<String, Map<String, Integer>> counts = new TreeMap<>();
      byLabel.forEach((label, c) ->
          counts.put(label, Map.of("idle", c.idle(), "starting", c.starting(), "busy", c.busy())));
      return counts;
    }, GAUGE_MAX_AGE, clock));
    metrics.gaugeFrom("browsergrid_starts_running", "Cold starts running now (at most the admission bound).",
        () -> startQueue.counts().starting());
    metrics.gaugeFrom("browsergrid_starts_queued", "Creates waiting for their turn to start.",
        () -> startQueue.counts().queued());
    SessionStarter starter = new SessionStarter(sessionRepo, provider, ender, clock, settings.startTimeout(), metrics,
        tokens, startQueue);
    this.sessions = new SessionService(sessionRepo, tenantRepo, slots, starter, ender, ids, provider.name(), executor,
        clock, metrics, pools, startQueue, new CreateRate(store, clock));
    this.reaper = new SessionReaper(tenantRepo, sessionRepo, slots, provider, ender, activity, clock,
        settings.startTimeout(), keeper::browserIds, starter);
    AgentReports agentReports = new AgentReports(sessionRepo, starter, ender, activity, poolBrowsers, clock);
    this.cleanup = new Cleanup(reaper, keeper, tenantRepo, outbox, clock);
    this.defaultPoolMinIdle = settings.defaultPoolMinIdle();
    this.maxSessions = settings.maxSessions();

    AddressGuard guard = new AddressGuard(settings.webhookAllowPrivate(), InetAddress::getAllByName);
    SecretBox box = new SecretBox(keys.derive("webhook-secrets"));
    WebhookRepository hookRepo = new WebhookRepository(store, json);
    WebhookService webhooks = new WebhookService(hookRepo, guard, box, random, clock, tenantRepo);
    this.deliverer = new WebhookDeliverer(outbox, hookRepo, queue, guard,
        new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10)), new RetryPolicy(random),
        new CircuitBreaker(clock), box, json, metrics, clock);

    Authenticator authenticator = new Authenticator(keyRepo, hasher);
    ApiKeyService apiKeys = new ApiKeyService(keyRepo, hasher, clock, tenantRepo);
    TenantService tenants = new TenantService(tenantRepo, apiKeys, random, clock);
    this.cdp = new CdpGateway(sessionRepo, sessions, tokens, authenticator, proxied, executor);
    UsageService usage = new UsageService(tenantRepo, census, pools, slots, startQueue);
    TenantRemoval removal = new TenantRemoval(tenantRepo, keyRepo, sessionRepo, sessions, pools, hookRepo);
    this.api = ApiHandlers.create(json.mapper(), settings, sessions, tenants, removal, apiKeys, webhooks, pools, usage,
        cdp, authenticator, tokens, metrics, store, provider);
    this.agentCallbacks = new AgentCallbacks(new AgentSignatures(tokens::token, clock), agentReports, api);
    this.bootstrap = new OperatorBootstrap(store, json, tenantRepo, keyRepo, hasher, clock);
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
  public java.util.Optional<String> bootstrap(java.util.Optional<String> configuredKey) {
    java.util.Optional<String> generated = bootstrap.ensure(configuredKey, maxSessions);
    pools.ensureDefault(defaultPoolMinIdle, maxSessions);
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
