package io.browsergrid.api;

import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.Json;
import io.browsergrid.http.Route;

import io.browsergrid.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /health}, {@code /metrics}, {@code /openapi.json} and {@code /docs}. */
final class OpsRoutes {
  private final BooleanSupplier storeUp;
  private final BooleanSupplier providerUp;
  private final Metrics metrics;
  private final boolean metricsNeedKey;
  private final Json json;
  private final byte[] openApi;
  private final byte[] docs;
  private final String browserSandbox;

  OpsRoutes(BooleanSupplier storeUp, BooleanSupplier providerUp, Metrics metrics, boolean metricsNeedKey,
      String browserSandbox, Json json) {
    this.storeUp = storeUp;
    this.providerUp = providerUp;
    this.metrics = metrics;
    this.metricsNeedKey = metricsNeedKey;
    this.json = json;
    this.openApi = resource("openapi.json");
    this.docs = resource("docs.html");
    this.browserSandbox = browserSandbox;
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", "/health", false, c -> health()),
        new Route("GET", "/metrics", metricsNeedKey, c -> HttpResponse.text(200,
            "text/plain; version=0.0.4; charset=utf-8", metrics.render())),
        new Route("GET", "/openapi.json", false, c -> HttpResponse.json(200, openApi)),
        new Route("GET", "/docs", false,
            c -> new HttpResponse(200, Map.of("Content-Type", "text/html; charset=utf-8"), docs)));
  }

  private HttpResponse health() {
    boolean store = storeUp.getAsBoolean();
    boolean provider = providerUp.getAsBoolean();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", store && provider ? "UP" : "DOWN");
    body.put("checks", Map.of("store", store ? "UP" : "DOWN", "provider", provider ? "UP" : "DOWN"));
    // "off" tells whoever watches health that tenants are not isolated from the host or each other
    body.put("sandbox", browserSandbox);
    HttpResponse response = HttpResponse.json(store && provider ? 200 : 503, json.bytes(body));
    return store && provider ? response : response.withHeader("Retry-After", "5");
  }

  /** The OpenAPI document, for tests that check it against the routes. */
  byte[] openApi() {
    return openApi.clone();
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
