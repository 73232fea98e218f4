package io.browsergrid.api;

import io.browsergrid.http.Json;
import io.browsergrid.http.Route;

import io.browsergrid.usage.Usage;
import io.browsergrid.usage.UsageService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/usage}, for any key: its own tenant's; the server's too for the operator. */
final class UsageRoutes {
  private final UsageService usage;
  private final Json json;

  UsageRoutes(UsageService usage, Json json) {
    this.usage = usage;
    this.json = json;
  }

  List<Route> routes() {
    return List.of(new Route("GET", "/v1/usage", true, c -> json.ok(view(usage.of(c.caller())))));
  }

  private static Map<String, Object> view(Usage u) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("tenant", u.tenantId());
    Map<String, Object> sessions = new LinkedHashMap<>();
    sessions.put("live", u.live());
    sessions.put("queued", u.pending());
    sessions.put("starting", u.starting());
    sessions.put("running", u.running());
    v.put("sessions", sessions);
    v.put("warmBrowsers", u.warmBrowsers());
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("maxConcurrentSessions", u.maxConcurrentSessions());
    limits.put("maxWarmBrowsers", u.limits().maxWarmBrowsers());
    limits.put("maxPools", u.limits().maxPools());
    limits.put("maxWebhooks", u.limits().maxWebhooks());
    limits.put("maxApiKeys", u.limits().maxApiKeys());
    limits.put("maxSessionsPerMinute", u.limits().maxSessionsPerMinute());
    v.put("limits", limits);
    if (u.server() != null) {
      Usage.Server s = u.server();
      Map<String, Object> server = new LinkedHashMap<>();
      server.put("sessions", s.sessions());
      server.put("maxSessions", s.maxSessions());
      server.put("starting", s.startsRunning());
      server.put("queued", s.startsQueued());
      server.put("maxStarting", s.maxStarting());
      server.put("maxQueueSeconds", s.maxQueueSeconds());
      v.put("server", server);
    }
    return v;
  }
}
