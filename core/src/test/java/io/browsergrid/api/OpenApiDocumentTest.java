package io.browsergrid.api;

import io.browsergrid.http.Route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the router describe the same operations: neither has one the other lacks. */
class OpenApiDocumentTest {

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws Exception {
    Set<String> documented = new HashSet<>();
    try (InputStream in = OpsRoutes.class.getResourceAsStream("openapi.json")) {
      JsonNode doc = new ObjectMapper().readTree(in);
      assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
      doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
          .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    }
    Set<String> routed = new HashSet<>();
    for (Route r : TestRoutes.all()) {
      routed.add(r.method() + " " + r.template());
    }
    // the two WebSocket upgrades are served by the edge's CDP proxy, not by the router
    routed.add("GET /v1/sessions/{id}/cdp");
    routed.add("GET /connect");
    assertThat(documented).isEqualTo(routed);
  }
}
