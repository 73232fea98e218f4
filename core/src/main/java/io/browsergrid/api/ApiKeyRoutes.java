package io.browsergrid.api;

import io.browsergrid.http.Call;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.Json;
import io.browsergrid.http.JsonFields;
import io.browsergrid.http.Route;
import io.browsergrid.http.StrictJson;

import io.browsergrid.auth.ApiKey;
import io.browsergrid.auth.ApiKeyService;
import io.browsergrid.auth.IssuedKey;
import io.browsergrid.auth.Role;
import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /v1/api-keys}: an admin's keys of its own tenant. */
final class ApiKeyRoutes {
  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]+");
  private static final Pattern ROLE = Pattern.compile("admin|member");

  private final ApiKeyService keys;
  private final Json json;
  private final StrictJson strict = new StrictJson();

  ApiKeyRoutes(ApiKeyService keys, Json json) {
    this.keys = keys;
    this.json = json;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/api-keys", true, this::create),
        new Route("GET", "/v1/api-keys", true, c -> json.ok(Map.of("items",
            keys.list(c.caller()).stream().map(ApiKeyRoutes::view).toList()))),
        new Route("DELETE", "/v1/api-keys/{id}", true, c -> {
          keys.revoke(c.caller(), Ids.key(c.param("id")));
          return HttpResponse.empty(204);
        }));
  }

  private HttpResponse create(Call call) {
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = new JsonFields(strict.object(call.request().body()), "", errors);
    String name = f.string("name", 128, NAME, "printable text").orElse("key");
    String role = f.string("role", 16, ROLE, "admin or member").orElse("member");
    f.rejectUnknown();
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    IssuedKey issued = keys.create(call.caller(), name, Role.parse(role));
    Map<String, Object> body = view(issued.key());
    body.put("key", issued.secret());
    return json.created(body, "/v1/api-keys/" + issued.key().id());
  }

  private static Map<String, Object> view(ApiKey k) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", k.id());
    v.put("name", k.name());
    v.put("role", k.role());
    v.put("createdAt", k.createdAt());
    return v;
  }
}
