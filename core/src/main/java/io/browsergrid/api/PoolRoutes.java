package io.browsergrid.api;

import io.browsergrid.http.Call;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.Json;
import io.browsergrid.http.JsonFields;
import io.browsergrid.http.Route;
import io.browsergrid.http.StrictJson;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.pool.Pool;
import io.browsergrid.pool.PoolCounts;
import io.browsergrid.pool.PoolService;
import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /v1/pools}: warm pools with live counts. */
final class PoolRoutes {
  private final PoolService pools;
  private final String providerName;
  private final Json json;
  private final StrictJson strict = new StrictJson();

  PoolRoutes(PoolService pools, String providerName, Json json) {
    this.pools = pools;
    this.providerName = providerName;
    this.json = json;
  }

  List<Route> routes() {
    return List.of(
        new Route("PUT", "/v1/pools/{name}", true, this::put),
        new Route("GET", "/v1/pools", true, c -> json.ok(Map.of("items",
            pools.list(c.caller()).stream().map(this::view).toList()))),
        new Route("GET", "/v1/pools/{name}", true, c -> json.ok(view(pools.get(c.caller(), name(c))))),
        new Route("DELETE", "/v1/pools/{name}", true, c -> {
          pools.delete(c.caller(), name(c));
          return HttpResponse.empty(204);
        }));
  }

  private HttpResponse put(Call call) {
    String name = name(call);
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = new JsonFields(strict.object(call.request().body()), "", errors);
    f.string("provider", 32, Pattern.compile(Pattern.quote(providerName)), providerName + " (this deployment's provider)");
    int minIdle = f.integer("minIdle", 0, 100).orElse(0);
    int maxSessions = f.integer("maxSessions", 1, 10_000).orElse(20);
    BrowserOptions browser = ProxyRequests.withProxy(
        f.object("browser").map(SessionRequests::browser).orElse(BrowserOptions.DEFAULT), f);
    Pool.Resources resources = f.object("resources").map(r -> {
      double cpu = r.decimal("cpu", 0.25, 16).orElse(Pool.Resources.DEFAULT.cpu());
      int memory = r.integer("memoryMb", 256, 65_536).orElse(Pool.Resources.DEFAULT.memoryMb());
      r.rejectUnknown();
      return new Pool.Resources(cpu, memory);
    }).orElse(Pool.Resources.DEFAULT);
    int maxIdle = f.integer("maxIdleSeconds", 60, 86_400).orElse(3600);
    f.rejectUnknown();
    if (minIdle > maxSessions) {
      errors.add(new FieldError("minIdle", "must not exceed maxSessions (" + maxSessions + ")"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    Pool pool = pools.put(call.caller(), new Pool(null, name, providerName, minIdle, maxSessions, browser, resources,
        maxIdle, null));
    return json.ok(view(pool));
  }

  private static String name(Call call) {
    String name = call.param("name");
    if (!SessionRequests.POOL_NAME.matcher(name).matches()) {
      throw ProblemException.invalid("name", "must be 1..63 of a-z, 0-9 and -, starting with a letter or digit");
    }
    return name;
  }

  private Map<String, Object> view(Pool p) {
    PoolCounts counts = pools.counts(p);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", p.name());
    v.put("provider", p.provider());
    v.put("minIdle", p.minIdle());
    v.put("maxSessions", p.maxSessions());
    v.put("maxIdleSeconds", p.maxIdleSeconds());
    v.put("browser", p.browser().withoutProxy());
    if (p.browser().proxy() != null) {
      // what the proxy is, never its credentials
      v.put("proxy", Map.of("server", p.browser().proxy().publicServer(), "bypass", p.browser().proxy().bypass()));
    }
    v.put("resources", p.resources());
    v.put("shared", Pool.SHARED.equals(p.owner()));
    v.put("idle", counts.idle());
    v.put("starting", counts.starting());
    v.put("busy", counts.busy());
    return v;
  }
}
