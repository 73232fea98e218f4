package io.browsergrid.http;

import io.browsergrid.problem.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders problems as {@code application/problem+json} (RFC 9457). */
public final class ProblemResponses {
  private final Json json;

  public ProblemResponses(Json json) {
    this.json = json;
  }

  /** The response for {@code problem}, with its extra headers. */
  public HttpResponse of(ProblemException problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    if (!problem.errors().isEmpty()) {
      List<Map<String, String>> errors = problem.errors().stream()
          .map((FieldError e) -> Map.of("field", e.field(), "message", e.message())).toList();
      body.put("errors", errors);
    }
    HttpResponse response = new HttpResponse(problem.status(),
        Map.of("Content-Type", "application/problem+json"), json.bytes(body));
    for (Map.Entry<String, String> h : problem.headers().entrySet()) {
      response = response.withHeader(h.getKey(), h.getValue());
    }
    return response;
  }

  /** A 500 that says only "internal error" and the correlation id found in the server's log line. */
  public HttpResponse internal(String correlationId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "/problems/internal");
    body.put("title", "Internal error");
    body.put("status", 500);
    body.put("detail", "internal error");
    body.put("correlationId", correlationId);
    return new HttpResponse(500, Map.of("Content-Type", "application/problem+json"), json.bytes(body));
  }
}
