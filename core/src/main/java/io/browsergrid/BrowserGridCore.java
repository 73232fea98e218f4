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
import io.browsergrid.metrics.Metrics;
import io.browsergrid.session.CdpTokens;
import io.browsergrid.session.InMemorySessionActivity;
import io.browsergrid.session.SessionActivity;
import io.browsergrid.session.SessionCensus;
import io.browsergrid.session.SessionEnder;
import io.browsergrid.session.SessionIds;
import io.browsergrid.session.SessionReaper;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionService;
import io.browsergrid.session.SessionStarter;
import io.browsergrid.session.ServerSlots;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * The core wired from its ports: every deployable's composition root builds one of these around its store, its
 * browser provider and its settings, and serves {@link #api()} (and, where it proxies CDP itself, {@link #cdp()}).
 */
public final class BrowserGridCore {
  private final ApiHandler api;
  private final CdpGateway cdp;
  private final SessionReaper reaper;
  private final SessionService sessions;
  private final OperatorBootstrap bootstrap;
  private final Metrics metrics;

  /**
   * @param executor runs browser starts off the request thread; owned by the caller, which shuts it down
   * @param activity the CDP client counts; standalone passes the one its proxy feeds
   */
  public BrowserGridCore(KeyValueStore store, BrowserProvider provider, InMemorySessionActivity activity,
      CoreSettings settings, ExecutorService executor, Clock clock) {
    JsonCodec json = new JsonCodec();
    SecureRandom random = new SecureRandom();
    KeyHasher hasher = new KeyHasher(random);
    SessionRepository sessionRepo = new SessionRepository(store, json);
    TenantRepository tenantRepo = new TenantRepository(store, json);
    ApiKeyRepository keyRepo = new ApiKeyRepository(store, json);
    ServerSlots slots = new ServerSlots(store, json, clock, settings.maxSessions());
    SessionActivity clients = activity;
    SessionEnder ender = new SessionEnder(sessionRepo, slots, provider, clients, clock);
    this.metrics = new Metrics(new SessionCensus(tenantRepo, sessionRepo)::liveByStatus);
    SessionStarter starter = new SessionStarter(sessionRepo, provider, ender, clock, settings.startTimeout(), metrics);
    this.sessions = new SessionService(sessionRepo, tenantRepo, slots, starter, ender, new SessionIds(random),
        provider.name(), executor, clock, metrics);
    this.reaper = new SessionReaper(tenantRepo, sessionRepo, slots, provider, ender, clients, clock,
        settings.startTimeout());
    Authenticator authenticator = new Authenticator(keyRepo, hasher);
    ApiKeyService keys = new ApiKeyService(keyRepo, hasher, clock);
    TenantService tenants = new TenantService(tenantRepo, keyRepo, keys, sessionRepo, sessions, random, clock);
    CdpTokens tokens = new CdpTokens(settings.cdpSecret());
    this.cdp = new CdpGateway(sessionRepo, sessions, tokens, authenticator, activity, executor);
    this.api = ApiHandlers.create(json.mapper(), settings, sessions, tenants, keys, cdp, authenticator, tokens,
        metrics, store, provider);
    this.bootstrap = new OperatorBootstrap(store, json, tenantRepo, keyRepo, hasher, clock);
  }

  /** The {@code api} function: every HTTP request of API.md. */
  public ApiHandler api() {
    return api;
  }

  /** CDP WebSocket authorisation and client tracking, for an edge that proxies CDP. */
  public CdpGateway cdp() {
    return cdp;
  }

  /** The {@code cleanup} function's session part. */
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
