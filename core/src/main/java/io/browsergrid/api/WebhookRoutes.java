package io.browsergrid.api;

import io.browsergrid.http.Call;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.Json;
import io.browsergrid.http.JsonFields;
import io.browsergrid.http.Route;
import io.browsergrid.http.StrictJson;

import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import io.browsergrid.webhook.Delivery;
import io.browsergrid.webhook.Webhook;
import io.browsergrid.webhook.WebhookService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /v1/webhooks}: a tenant admin's subscriptions and their deliveries. */
final class WebhookRoutes {
  private static final Pattern ID = Pattern.compile("wh_[0-9a-f]{16}");
  private static final Pattern ANY = Pattern.compile("[^\\p{Cntrl}]+");

  private final WebhookService webhooks;
  private final Json json;
  private final StrictJson strict = new StrictJson();

  WebhookRoutes(WebhookService webhooks, Json json) {
    this.webhooks = webhooks;
    this.json = json;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/webhooks", true, this::create),
        new Route("GET", "/v1/webhooks", true, c -> json.ok(Map.of("items",
            webhooks.list(c.caller()).stream().map(WebhookRoutes::view).toList()))),
        new Route("GET", "/v1/webhooks/{id}", true, c -> json.ok(view(webhooks.get(c.caller(), id(c))))),
        new Route("DELETE", "/v1/webhooks/{id}", true, c -> {
          webhooks.delete(c.caller(), id(c));
          return HttpResponse.empty(204);
        }),
        new Route("GET", "/v1/webhooks/{id}/deliveries", true, c -> json.ok(Map.of("items",
            webhooks.deliveries(c.caller(), id(c), 100).stream().map(WebhookRoutes::view).toList()))));
  }

  private HttpResponse create(Call call) {
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = new JsonFields(strict.object(call.request().body()), "", errors);
    Optional<String> url = f.string("url", 2048, ANY, "a URL");
    List<String> events = f.strings("events", 16, e -> Optional.empty()).orElse(null);
    String secret = f.string("secret", 200, ANY, "a secret").orElse(null);
    f.rejectUnknown();
    if (url.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("url"))) {
      errors.add(new FieldError("url", "is required"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    WebhookService.Created created = webhooks.create(call.caller(), url.get(), events, secret);
    Map<String, Object> body = view(created.webhook());
    body.put("secret", created.secret());
    return json.created(body, "/v1/webhooks/" + created.webhook().id());
  }

  private static String id(Call call) {
    String id = call.param("id");
    if (!ID.matcher(id).matches()) {
      throw ProblemException.invalid("id", "is not a webhook id");
    }
    return id;
  }

  private static Map<String, Object> view(Webhook w) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", w.id());
    v.put("url", w.url());
    v.put("events", w.events());
    v.put("createdAt", w.createdAt());
    return v;
  }

  private static Map<String, Object> view(Delivery d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("eventId", d.eventId());
    v.put("event", d.type());
    v.put("status", d.state());
    v.put("attempts", d.attempts());
    v.put("statusCode", d.statusCode() == 0 ? null : d.statusCode());
    v.put("error", d.error());
    v.put("lastAttemptAt", d.lastAttemptAt());
    v.put("nextRetryAt", d.isFinal() ? null : d.nextAttemptAt());
    return v;
  }
}
