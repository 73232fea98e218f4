package io.browsergrid.api;

import io.browsergrid.http.Route;

import java.util.ArrayList;
import java.util.List;

/** Every route the API serves, built without services (listing routes never calls a handler). */
final class TestRoutes {
  private TestRoutes() {}

  static List<Route> all() {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new SessionRoutes(null, null, null).routes());
    routes.addAll(new QuickConnectRoutes(null, null, null).routes());
    routes.addAll(new TenantRoutes(null, null, null).routes());
    routes.addAll(new ApiKeyRoutes(null, null).routes());
    routes.addAll(new WebhookRoutes(null, null).routes());
    routes.addAll(new PoolRoutes(null, "local", null).routes());
    routes.addAll(new UsageRoutes(null, null).routes());
    routes.addAll(new OpsRoutes(() -> true, () -> true, null, false, "bubblewrap", null).routes());
    return routes;
  }
}
