package io.browsergrid.api;

import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;

import io.browsergrid.pool.PoolBrowser;
import io.browsergrid.http.ProblemException;
import io.browsergrid.session.AgentReports;
import io.browsergrid.session.AgentSignatures;
import io.browsergrid.session.SessionIds;

/**
 * Serves the callbacks a browser container's agent {@code POST}s about its session, whatever cloud function receives
 * them: the headers {@link AgentSignatures#SESSION_HEADER}, {@link AgentSignatures#TIMESTAMP_HEADER} and
 * {@link AgentSignatures#SIGNATURE_HEADER} must verify, or the answer is 401 problem+json without saying which part
 * was wrong; a signed body is read by {@link AgentReportRequests} (400 naming the field) and acted on by
 * {@link AgentReports} (404 for no such session, 409 for another browser's report); done, 202. A store or provider
 * that fails meanwhile answers 503 problem+json, as the API does, and the agent retries. Thread-safe.
 */
public final class AgentCallbacks {
  private final AgentSignatures signatures;
  private final AgentReports reports;
  private final AgentReportRequests bodies = new AgentReportRequests();
  private final ApiHandler problems;

  /** @param problems renders refusals as the API does */
  public AgentCallbacks(AgentSignatures signatures, AgentReports reports, ApiHandler problems) {
    this.signatures = signatures;
    this.reports = reports;
    this.problems = problems;
  }

  /** The answer to one callback. */
  public HttpResponse handle(HttpRequest request) {
    if (!request.method().equals("POST")) {
      return refuse(request, ProblemException.methodNotAllowed(request.method(), "POST"));
    }
    // a session's id, or a warm pool browser's: its agent started before any session existed
    String sessionId = request.header(AgentSignatures.SESSION_HEADER);
    if (!(SessionIds.wellFormed(sessionId) || PoolBrowser.isId(sessionId)) || !signatures.verify(sessionId,
        request.header(AgentSignatures.TIMESTAMP_HEADER), request.header(AgentSignatures.SIGNATURE_HEADER),
        request.body())) {
      return refuse(request, ProblemException.unauthorized("the callback's signature does not verify"));
    }
    try {
      reports.accept(sessionId, bodies.read(request.body()));
    } catch (RuntimeException failed) {
      return refuse(request, failed);
    }
    return HttpResponse.empty(202);
  }

  private HttpResponse refuse(HttpRequest request, RuntimeException problem) {
    return problems.failure(problem, ApiHandler.requestId(request));
  }
}
