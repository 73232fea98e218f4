package io.browsergrid;

import io.browsergrid.admission.StartQueue;
import io.browsergrid.api.AgentCallbacks;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.ApiHandlers;
import io.browsergrid.api.ApiOptions;
import io.browsergrid.api.CdpGateway;
import io.browsergrid.auth.ApiKeyRepository;
import io.browsergrid.auth.ApiKeyService;
import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.auth.KeyHasher;
import io.browsergrid.auth.OperatorBootstrap;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.auth.TenantService;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.cleanup.Cleanup;
import io.browsergrid.cleanup.TenantRemoval;
import io.browsergrid.event.EventIds;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.metrics.RecentReading;
import io.browsergrid.pool.PoolBrowserIndex;
import io.browsergrid.pool.PoolClaimer;
import io.browsergrid.pool.PoolKeeper;
import io.browsergrid.pool.PoolRepository;
import io.browsergrid.pool.PoolService;
import io.browsergrid.session.AgentReports;
import io.browsergrid.session.AgentSignatures;
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
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.usage.UsageService;
import io.browsergrid.webhook.AddressGuard;
import io.browsergrid.webhook.CircuitBreaker;
import io.browsergrid.webhook.RetryPolicy;
import io.browsergrid.webhook.SecretBox;
import io.browsergrid.webhook.TenantDeliverySlots;
import io.browsergrid.webhook.WebhookDeliverer;
import io.browsergrid.webhook.WebhookRepository;
import io.browsergrid.webhook.WebhookSender;
import io.browsergrid.webhook.WebhookService;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Builds a {@link BrowserGridCore} from its ports: {@link BrowserGridCore#builder} takes what every deployment has,
 * the named options say what differs. {@link #build} wires one feature at a time (records, sessions and pools,
 * webhooks, the API), each from what the earlier ones made.
 */
public final class CoreBuilder {
  /** Browsers a pool starts at once; more would only slow each other down on a small machine. */
  private static final int MAX_CONCURRENT_POOL_STARTS = 2;
  /** How old the store readings behind the session and pool gauges may be. */
  private static final Duration GAUGE_MAX_AGE = Duration.ofSeconds(5);

  private final KeyValueStore store;
  private final BrowserProvider provider;
  private final EventQueue queue;
  private final CoreSettings settings;
  private ExecutorService executor;
  private Clock clock = Clock.systemUTC();
  private InMemorySessionActivity proxiedClients;
  private SessionActivity agentReportedActivity;
  private int deliveriesPerTenant;

  CoreBuilder(KeyValueStore store, BrowserProvider provider, EventQueue queue, CoreSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Runs browser starts and webhook work off the request thread (required). The caller owns and shuts it down. */
  public CoreBuilder executor(ExecutorService executor) {
    this.executor = executor;
    return this;
  }

  /** The clock of every timestamp, timeout and rate; the system's UTC clock unless set. */
  public CoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Counts the clients of {@link BrowserGridCore#cdp()}: standalone passes the one its proxy feeds. Unless
   * {@link #agentReportedActivity} is set, idle timeouts read it too. A fresh one unless set.
   */
  public CoreBuilder proxiedClients(InMemorySessionActivity activity) {
    this.proxiedClients = Objects.requireNonNull(activity, "activity");
    return this;
  }

  /**
   * For a deployment whose browsers' agents report their clients (the clouds): what idle timeouts read and
   * {@link BrowserGridCore#agentCallbacks()} write, a stored one where several instances serve. Setting it also
   * indexes warm pool browsers by id, since an agent started before any session reports as its pool browser.
   */
  public CoreBuilder agentReportedActivity(SessionActivity activity) {
    this.agentReportedActivity = Objects.requireNonNull(activity, "activity");
    return this;
  }

  /**
   * For a deployment whose webhook deliveries run in several instances at once (a cloud's queue-triggered function):
   * at most {@code perTenant} delivery runs of one tenant at a time across all of them, counted in the store, so one
   * tenant's slow receivers never hold every instance. Unbounded unless set: a standalone server's own queue shares
   * its workers fairly in process.
   */
  public CoreBuilder deliveriesPerTenant(int perTenant) {
    if (perTenant < 1) {
      throw new IllegalArgumentException("deliveriesPerTenant must be at least 1: " + perTenant);
    }
    this.deliveriesPerTenant = perTenant;
    return this;
  }

  /**
   * The wired core; nothing is started or written until {@link BrowserGridCore#bootstrap}.
   *
   * @throws IllegalStateException when no executor was set
   */
  public BrowserGridCore build() {
    if (executor == null) {
      throw new IllegalStateException("a core needs an executor");
    }
    InMemorySessionActivity proxied = proxiedClients != null ? proxiedClients : new InMemorySessionActivity(clock);
    SessionActivity activity = agentReportedActivity != null ? agentReportedActivity : proxied;
    Records records = new Records(store, new JsonCodec(), new SecureRandom(), queue, settings);
    Sessions sessions = new Sessions(records, activity);
    Webhooks webhooks = new Webhooks(records, sessions.metrics);
    Authenticator authenticator = new Authenticator(records.keys, records.hasher);
    CdpGateway cdp = new CdpGateway(records.sessions, sessions.service, records.tokens, authenticator, proxied,
        executor);
    ApiHandler api = api(records, sessions, webhooks.service, authenticator, cdp);
    AgentCallbacks agentCallbacks = new AgentCallbacks(new AgentSignatures(records.tokens::token, clock),
        new AgentReports(records.sessions, sessions.starter, sessions.ender, activity, sessions.poolBrowsers, clock),
        api);
    return new BrowserGridCore(api, cdp, new Cleanup(sessions.reaper, sessions.keeper, records.tenants, records.outbox,
        clock), sessions.reaper, sessions.service, agentCallbacks, webhooks.deliverer,
        new OperatorBootstrap(store, records.json, records.tenants, records.keys, records.hasher, clock),
        sessions.metrics, sessions.pools, sessions.keeper, records.tokens, sessions.startQueue, settings);
  }

  /** The records every feature reads and writes, and the secrets derived from the deployment's key. */
  private static final class Records {
    final JsonCodec json;
    final SecureRandom random;
    final KeyHasher hasher;
    final CdpTokens tokens;
    final SecretBox webhookSecrets;
    final Outbox outbox;
    final SessionRepository sessions;
    final TenantRepository tenants;
    final ApiKeyRepository keys;
    final PoolRepository pools;
    final WebhookRepository webhooks;
    final ServerSlots slots;

    Records(KeyValueStore store, JsonCodec json, SecureRandom random, EventQueue queue, CoreSettings settings) {
      this.json = json;
      this.random = random;
      SecretKeys secrets = new SecretKeys(settings.secretKey());
      this.hasher = new KeyHasher(random);
      this.tokens = new CdpTokens(secrets.derive("cdp-token"));
      this.webhookSecrets = new SecretBox(secrets.derive("webhook-secrets"));
      this.outbox = new Outbox(store, json, queue);
      this.sessions = new SessionRepository(store, json, outbox, new SessionEvents(new EventIds(random)));
      this.tenants = new TenantRepository(store, json);
      this.keys = new ApiKeyRepository(store, json);
      this.pools = new PoolRepository(store, json);
      this.webhooks = new WebhookRepository(store, json);
      this.slots = new ServerSlots(store, json, settings.maxSessions());
    }
  }

  /** Sessions and warm pools: starts, claims, ends, the start line, the keeper and the reaper, and their gauges. */
  private final class Sessions {
    final Metrics metrics;
    final StartQueue startQueue;
    final PoolBrowserIndex poolBrowsers;
    final PoolKeeper keeper;
    final PoolService pools;
    final SessionEnder ender;
    final SessionStarter starter;
    final SessionService service;
    final SessionReaper reaper;
    final SessionCensus census;

    Sessions(Records records, SessionActivity activity) {
      this.census = new SessionCensus(records.tenants, records.sessions);
      // gauges read the store: at most once per period, however often /metrics is scraped
      this.metrics = new Metrics(new RecentReading<>(census::liveByStatus, GAUGE_MAX_AGE, clock));
      this.ender = new SessionEnder(records.sessions, records.slots, provider, activity, clock);
      this.poolBrowsers = new PoolBrowserIndex(store, records.json, records.pools, clock,
          agentReportedActivity != null);
      this.startQueue = new StartQueue(store, records.json, clock, settings.admission(), settings.startTimeout());
      this.keeper = new PoolKeeper(records.pools, provider, census::busyOn, executor, clock, settings.startTimeout(),
          MAX_CONCURRENT_POOL_STARTS, poolBrowsers, records.tokens,
          () -> settings.maxSessions() - records.slots.count() - records.pools.warmTotal(), startQueue);
      this.pools = new PoolService(records.pools, new PoolClaimer(records.pools, provider, clock), keeper,
          census::busyOn, store, records.outbox, new EventIds(records.random), metrics, executor, clock,
          provider.name(), poolBrowsers, records.tenants);
      metrics.poolCountsFrom(new RecentReading<>(pools::countsByMetricsLabel, GAUGE_MAX_AGE, clock));
      metrics.gaugeFrom("browsergrid_starts_running", "Cold starts running now (at most the admission bound).",
          () -> startQueue.counts().starting());
      metrics.gaugeFrom("browsergrid_starts_queued", "Creates waiting for their turn to start.",
          () -> startQueue.counts().queued());
      this.starter = new SessionStarter(records.sessions, provider, ender, clock, settings.startTimeout(), metrics,
          records.tokens, startQueue);
      this.service = new SessionService(records.sessions, records.tenants, records.slots, starter, ender,
          new SessionIds(records.random), provider.name(), provider.longestSessionSeconds(), executor, clock, metrics, pools, startQueue,
          new CreateRate(store, clock));
      this.reaper = new SessionReaper(records.tenants, records.sessions, records.slots, provider, ender, activity,
          clock, settings.startTimeout(), keeper::browserIds, starter);
    }
  }

  /** Webhook subscriptions and the delivery of their events. */
  private final class Webhooks {
    final WebhookService service;
    final WebhookDeliverer deliverer;

    Webhooks(Records records, Metrics metrics) {
      AddressGuard guard = new AddressGuard(settings.webhookAllowPrivate(), InetAddress::getAllByName);
      this.service = new WebhookService(records.webhooks, guard, records.webhookSecrets, records.random, clock,
          records.tenants);
      this.deliverer = new WebhookDeliverer(records.outbox, records.webhooks, queue, guard,
          new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10)), new RetryPolicy(records.random),
          new CircuitBreaker(clock), deliveriesPerTenant == 0 ? TenantDeliverySlots.unbounded()
              : new TenantDeliverySlots(store, records.json, clock, deliveriesPerTenant),
          records.webhookSecrets, records.json, metrics, clock);
    }
  }

  /** The {@link ApiHandler} with every route of API.md. */
  private ApiHandler api(Records records, Sessions sessions, WebhookService webhooks, Authenticator authenticator,
      CdpGateway cdp) {
    ApiKeyService apiKeys = new ApiKeyService(records.keys, records.hasher, clock, records.tenants);
    TenantService tenants = new TenantService(records.tenants, apiKeys, records.random, clock);
    TenantRemoval removal = new TenantRemoval(records.tenants, records.keys, records.sessions, sessions.service,
        sessions.pools, records.webhooks);
    UsageService usage = new UsageService(records.tenants, sessions.census, sessions.pools, records.slots,
        sessions.startQueue);
    ApiOptions options = new ApiOptions(settings.urls(), settings.agentServesCdp(), settings.metricsNeedKey(),
        settings.browserSandbox());
    return ApiHandlers.create(records.json.mapper(), options, sessions.service, tenants, removal, apiKeys, webhooks,
        sessions.pools, usage, cdp, authenticator, records.tokens, sessions.metrics, store, provider);
  }
}
