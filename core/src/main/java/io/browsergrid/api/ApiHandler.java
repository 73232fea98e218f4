package io.browsergrid.api;

import io.browsergrid.http.ApiRouter;
import io.browsergrid.http.Call;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.ProblemResponses;
import io.browsergrid.http.Route;

import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.Principal;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.http.ProblemException;
import io.browsergrid.problem.Refusal;
import io.browsergrid.store.StoreUnavailableException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one entry every edge calls: routes a request, authenticates it, maps every failure to problem+json (never a
 * stack trace), and stamps {@code X-Request-Id} on every answer. It is the core's {@code api} function.
 */
public final class ApiHandler {
  /** Largest accepted body. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final Logger LOG = System.getLogger(ApiHandler.class.getName());
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:=/+-]{1,128}");

  private final ApiRouter router;
  private final Authenticator authenticator;
  private final ProblemResponses problems;
  private final Metrics metrics;

  ApiHandler(List<Route> routes, Authenticator authenticator, ProblemResponses problems, Metrics metrics) {
    this.router = new ApiRouter(routes);
    this.authenticator = authenticator;
    this.problems = problems;
    this.metrics = metrics;
  }

  /** Serves {@code request}; never throws. */
  public HttpResponse handle(HttpRequest request) {
    String requestId = requestId(request);
    String route = "unmatched";
    HttpResponse response;
    try {
      if (request.body().length > MAX_BODY_BYTES) {
        throw ProblemException.tooLarge(MAX_BODY_BYTES);
      }
      ApiRouter.Match match = router.match(request.method(), request.path());
      route = match.route().template();
      Principal caller = match.route().needsKey()
          ? authenticator.authenticate(Credentials.key(request, Credentials.queryKeyAllowed(request.path())))
          : null;
      response = match.route().handler().handle(new Call(request, match.params(), caller));
    } catch (Exception e) {
      response = failure(e, requestId);
    }
    metrics.httpRequest(route, response.status());
    return response.withHeader("X-Request-Id", requestId);
  }

  /** The problem response for a failure outside {@link #handle} (a refused WebSocket upgrade). */
  public HttpResponse failure(Exception e, String requestId) {
    if (e instanceof ProblemException p) {
      return problems.of(p).withHeader("X-Request-Id", requestId);
    }
    if (e instanceof Refusal r) {
      return problems.of(ProblemException.of(r)).withHeader("X-Request-Id", requestId);
    }
    if (e instanceof StoreUnavailableException || e instanceof BrowserProviderException) {
      LOG.log(Level.WARNING, "request " + requestId + ": dependency unavailable: " + e.getMessage());
      return problems.of(ProblemException.unavailable("a dependency is unavailable; try again", 5))
          .withHeader("X-Request-Id", requestId);
    }
    LOG.log(Level.ERROR, "request " + requestId + " failed", e);
    return problems.internal(requestId).withHeader("X-Request-Id", requestId);
  }

  /** The client's {@code X-Request-Id} when it is sane, else a new one. */
  public static String requestId(HttpRequest request) {
    String given = request.header("x-request-id");
    return given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }

  /** Every route, for the OpenAPI check. */
  List<Route> routes() {
    return router.routes();
  }
}
