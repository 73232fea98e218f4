package io.browsergrid;

import io.browsergrid.api.ApiHandler;
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
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.session.CdpTokens;
import io.browsergrid.session.InMemorySessionActivity;
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
import java.util.concurrent.ExecutorService;

/**
 * The core wired from its ports: every deployable's composition root builds one of these around its store, its
 * browser provider, its event queue and its settings, and serves the function beans: {@link #api()},
 * {@link #cleanup()}, {@link #deliverWebhooks()} (and, where it proxies CDP itself, {@link #cdp()}).
 */
public final class BrowserGridCore {
  private final ApiHandler api;
  private final CdpGateway cdp;
  private final Cleanup cleanup;
  private final SessionReaper reaper;
  private final SessionService sessions;
  private final WebhookDeliverer deliverer;
  private final OperatorBootstrap bootstrap;
  private final Metrics metrics;

  /**
   * @param queue    carries events to {@link #deliverWebhooks()}
   * @param executor runs browser starts off the request thread; owned by the caller, which shuts it down
   * @param activity the CDP client counts; standalone passes the one its proxy feeds
   */
  public BrowserGridCore(KeyValueStore store, BrowserProvider provider, EventQueue queue,
      InMemorySessionActivity activity, CoreSettings settings, ExecutorService executor, Clock clock) {
    JsonCodec json = new JsonCodec();
    SecureRandom random = new SecureRandom();
    SecretKeys keys = new SecretKeys(settings.secretKey());
    KeyHasher hasher = new KeyHasher(random);
    SessionIds ids = new SessionIds(random);
    Outbox outbox = new Outbox(store, json, queue);
    SessionRepository sessionRepo = new SessionRepository(store, json, outbox, new SessionEvents(ids));
    TenantRepository tenantRepo = new TenantRepository(store, json);
    ApiKeyRepository keyRepo = new ApiKeyRepository(store, json);
    ServerSlots slots = new ServerSlots(store, json, clock, settings.maxSessions());
    SessionEnder ender = new SessionEnder(sessionRepo, slots, provider, activity, clock);
    this.metrics = new Metrics(new SessionCensus(tenantRepo, sessionRepo)::liveByStatus);
    SessionStarter starter = new SessionStarter(sessionRepo, provider, ender, clock, settings.startTimeout(), metrics);
    this.sessions = new SessionService(sessionRepo, tenantRepo, slots, starter, ender, ids, provider.name(), executor,
        clock, metrics);
    this.reaper = new SessionReaper(tenantRepo, sessionRepo, slots, provider, ender, activity, clock,
        settings.startTimeout());
    this.cleanup = new Cleanup(reaper, tenantRepo, outbox, clock);

    AddressGuard guard = new AddressGuard(settings.webhookAllowPrivate(), InetAddress::getAllByName);
    SecretBox box = new SecretBox(keys.derive("webhook-secrets"));
    WebhookRepository hookRepo = new WebhookRepository(store, json);
    WebhookService webhooks = new WebhookService(hookRepo, guard, box, random, clock);
    this.deliverer = new WebhookDeliverer(outbox, hookRepo, queue, guard,
        new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10)), new RetryPolicy(random),
        new CircuitBreaker(clock), box, json, metrics, clock);

    Authenticator authenticator = new Authenticator(keyRepo, hasher);
    ApiKeyService apiKeys = new ApiKeyService(keyRepo, hasher, clock);
    TenantService tenants = new TenantService(tenantRepo, keyRepo, apiKeys, sessionRepo, sessions, random, clock);
    CdpTokens tokens = new CdpTokens(keys.derive("cdp-token"));
    this.cdp = new CdpGateway(sessionRepo, sessions, tokens, authenticator, activity, executor);
    this.api = ApiHandlers.create(json.mapper(), settings, sessions, tenants, apiKeys, webhooks, cdp, authenticator,
        tokens, metrics, store, provider);
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

  /** Ends every live session (shutdown, recovery). */
  public SessionReaper reaper() {
    return reaper;
  }

  public SessionService sessions() {
    return sessions;
  }

  /** Run at every start: tenant {@code default} and the operator key. */
  public OperatorBootstrap bootstrap() {
    return bootstrap;
  }

  public Metrics metrics() {
    return metrics;
  }
}
