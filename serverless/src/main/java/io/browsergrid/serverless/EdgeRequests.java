package io.browsergrid.serverless;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.ProblemException;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves a platform's HTTP event: reads it as a core request and hands it on. An event that cannot be read (a body
 * that is not the base64 it claims to be, no method) answers 400 problem+json naming the request, as the API answers
 * any bad input, never an error of the platform's.
 */
public final class EdgeRequests {
  private final ApiHandler problems;

  /** @param problems renders the refusal of an unreadable event as the API renders every problem */
  public EdgeRequests(ApiHandler problems) {
    this.problems = problems;
  }

  /**
   * {@code handler}'s answer to the request {@code read} makes, or a 400 when {@code read} throws
   * {@link IllegalArgumentException}.
   */
  public HttpResponse serve(Supplier<HttpRequest> read, Function<HttpRequest, HttpResponse> handler) {
    HttpRequest request;
    try {
      request = read.get();
    } catch (IllegalArgumentException unreadable) {
      return problems.failure(ProblemException.invalid("request", unreadable.getMessage()),
          UUID.randomUUID().toString());
    }
    return handler.apply(request);
  }
}
