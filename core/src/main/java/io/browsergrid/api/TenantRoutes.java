package io.browsergrid.api;

import io.browsergrid.http.Call;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.Json;
import io.browsergrid.http.JsonFields;
import io.browsergrid.http.Route;
import io.browsergrid.http.StrictJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantLimits;
import io.browsergrid.auth.TenantService;
import io.browsergrid.cleanup.TenantRemoval;
import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** {@code /v1/tenants}, operator only. */
final class TenantRoutes {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_LIMIT = 10_000;

  private final TenantService tenants;
  private final TenantRemoval removal;
  private final Json json;
  private final StrictJson strict = new StrictJson();

  TenantRoutes(TenantService tenants, TenantRemoval removal, Json json) {
    this.removal = removal;
    this.tenants = tenants;
    this.json = json;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/tenants", true, this::create),
        new Route("GET", "/v1/tenants", true, c -> json.ok(Map.of("items",
            tenants.list(c.caller()).stream().map(TenantRoutes::view).toList()))),
        new Route("GET", "/v1/tenants/{id}", true, c -> json.ok(view(tenants.get(c.caller(), Ids.tenant(c.param("id")))))),
        new Route("PATCH", "/v1/tenants/{id}", true, this::update),
        new Route("DELETE", "/v1/tenants/{id}", true, c -> {
          removal.remove(c.caller(), Ids.tenant(c.param("id")));
          return HttpResponse.empty(204);
        }));
  }

  private HttpResponse create(Call call) {
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = new JsonFields(strict.object(call.request().body()), "", errors);
    String name = f.string("name", 63, NAME, "1..63 of a-z, 0-9 and -, starting with a letter or digit").orElse(null);
    int max = f.integer("maxConcurrentSessions", 1, MAX_LIMIT).orElse(10);
    TenantLimits limits = limits(f).apply(TenantLimits.DEFAULT);
    f.rejectUnknown();
    if (name == null && errors.stream().noneMatch(e -> e.field().equals("name"))) {
      errors.add(new FieldError("name", "is required"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    TenantService.Created created = tenants.create(call.caller(), name, max, limits);
    Map<String, Object> body = view(created.tenant());
    body.put("adminKey", created.adminKey());
    return json.created(body, "/v1/tenants/" + created.tenant().id());
  }

  private HttpResponse update(Call call) {
    String id = Ids.tenant(call.param("id"));
    List<FieldError> errors = new ArrayList<>();
    ObjectNode node = strict.object(call.request().body());
    JsonFields f = new JsonFields(node, "", errors);
    Integer max = f.integer("maxConcurrentSessions", 1, MAX_LIMIT).orElse(null);
    UnaryOperator<TenantLimits> limits = limits(f);
    f.rejectUnknown();
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return json.ok(view(tenants.update(call.caller(), id, max, limits)));
  }

  /** The quota fields present in the body, as a change to apply to the current (or default) quotas. */
  private static UnaryOperator<TenantLimits> limits(JsonFields f) {
    Integer warm = f.integer("maxWarmBrowsers", 0, MAX_LIMIT).orElse(null);
    Integer pools = f.integer("maxPools", 0, 1000).orElse(null);
    Integer hooks = f.integer("maxWebhooks", 0, 1000).orElse(null);
    Integer keys = f.integer("maxApiKeys", 1, 1000).orElse(null);
    Integer perMinute = f.integer("maxSessionsPerMinute", 1, 100_000).orElse(null);
    return l -> new TenantLimits(warm != null ? warm : l.maxWarmBrowsers(), pools != null ? pools : l.maxPools(),
        hooks != null ? hooks : l.maxWebhooks(), keys != null ? keys : l.maxApiKeys(),
        perMinute != null ? perMinute : l.maxSessionsPerMinute());
  }

  private static Map<String, Object> view(Tenant t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", t.id());
    v.put("name", t.name());
    v.put("maxConcurrentSessions", t.maxConcurrentSessions());
    v.put("maxWarmBrowsers", t.limits().maxWarmBrowsers());
    v.put("maxPools", t.limits().maxPools());
    v.put("maxWebhooks", t.limits().maxWebhooks());
    v.put("maxApiKeys", t.limits().maxApiKeys());
    v.put("maxSessionsPerMinute", t.limits().maxSessionsPerMinute());
    v.put("createdAt", t.createdAt());
    return v;
  }
}
