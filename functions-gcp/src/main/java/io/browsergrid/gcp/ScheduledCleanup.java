package io.browsergrid.gcp;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.cleanup.Cleanup;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.ProblemException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code cleanup} function, called by Cloud Scheduler over HTTP every minute: a call without the scheduler's
 * OIDC token ({@link InvokerCheck}) answers 401 and runs nothing; else one pass of the core's {@link Cleanup} runs and
 * answers 204. A failing pass answers 500, which Scheduler records and retries by its job's retry policy; the next
 * run repeats it anyway, as every pass is idempotent.
 */
public final class ScheduledCleanup implements Function<HttpRequest, HttpResponse> {
  private static final Logger LOG = System.getLogger(ScheduledCleanup.class.getName());

  private final Cleanup cleanup;
  private final InvokerCheck invoker;
  private final ApiHandler problems;

  /** @param problems renders refusals as the API renders every problem */
  public ScheduledCleanup(Cleanup cleanup, InvokerCheck invoker, ApiHandler problems) {
    this.cleanup = cleanup;
    this.invoker = invoker;
    this.problems = problems;
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    Optional<String> refusal = invoker.refusal(request.header("authorization"));
    if (refusal.isPresent()) {
      return problems.failure(ProblemException.unauthorized(refusal.get()), ApiHandler.requestId(request));
    }
    Cleanup.Report report = cleanup.run();
    if (report.didSomething()) {
      LOG.log(Level.INFO, "cleanup: " + report);
    }
    return HttpResponse.empty(204);
  }
}
