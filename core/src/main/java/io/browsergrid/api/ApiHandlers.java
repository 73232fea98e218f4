package io.browsergrid.api;

import io.browsergrid.http.Json;
import io.browsergrid.http.ProblemResponses;
import io.browsergrid.http.Route;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.auth.ApiKeyService;
import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.TenantService;
import io.browsergrid.cleanup.TenantRemoval;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.pool.PoolService;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.session.SessionService;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.usage.UsageService;
import io.browsergrid.webhook.WebhookService;
import java.util.ArrayList;
import java.util.List;

/** Assembles the {@link ApiHandler} with every route of API.md, in the order the router tries them. */
public final class ApiHandlers {
  private ApiHandlers() {}

  public static ApiHandler create(ObjectMapper mapper, ApiOptions settings, SessionService sessions,
      TenantService tenants, TenantRemoval removal, ApiKeyService keys, WebhookService webhooks, PoolService pools,
      UsageService usage,
      CdpGateway cdp, Authenticator authenticator, CdpTokens tokens, Metrics metrics, KeyValueStore store,
      BrowserProvider provider) {
    Json json = new Json(mapper);
    SessionJson views = new SessionJson(settings.urls(), tokens, settings.agentServesCdp());
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SessionRoutes(sessions, views, json).routes());
    routes.addAll(new QuickConnectRoutes(cdp, views, json).routes());
    routes.addAll(new TenantRoutes(tenants, removal, json).routes());
    routes.addAll(new ApiKeyRoutes(keys, json).routes());
    routes.addAll(new WebhookRoutes(webhooks, json).routes());
    routes.addAll(new PoolRoutes(pools, provider.name(), json).routes());
    routes.addAll(new UsageRoutes(usage, json).routes());
    routes.addAll(new OpsRoutes(() -> up(() -> store.get("server", "health")), () -> up(provider::list), metrics,
        settings.metricsNeedKey(), settings.browserSandbox(), json).routes());
    return new ApiHandler(routes, authenticator, new ProblemResponses(json), metrics);
  }

  private static boolean up(Runnable probe) {
    try {
      probe.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
