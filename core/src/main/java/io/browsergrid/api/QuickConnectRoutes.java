package io.browsergrid.api;

import io.browsergrid.http.Json;
import io.browsergrid.http.Route;

import io.browsergrid.session.Session;
import java.util.List;

/**
 * {@code GET /connect/json/version}: creates a quick-connect session and answers CDP discovery with its URL, so
 * {@code connectOverCDP("http://HOST/connect?apiKey=KEY")} works. Playwright asks with a trailing slash.
 */
final class QuickConnectRoutes {
  private final CdpGateway gateway;
  private final SessionJson views;
  private final Json json;

  QuickConnectRoutes(CdpGateway gateway, SessionJson views, Json json) {
    this.gateway = gateway;
    this.views = views;
    this.json = json;
  }

  List<Route> routes() {
    Route.Handler discover = call -> {
      Session session = gateway.discover(call.caller(), call.request());
      return json.ok(SessionRoutes.discovery(session, views.cdpUrl(session)));
    };
    return List.of(
        new Route("GET", "/connect/json/version", true, discover),
        new Route("GET", "/connect/json/version/", true, discover));
  }
}
