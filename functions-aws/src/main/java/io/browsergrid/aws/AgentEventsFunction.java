package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.browsergrid.api.AgentReportRequests;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.HttpRequest;
import io.browsergrid.api.HttpResponse;
import io.browsergrid.problem.ProblemException;
import io.browsergrid.session.AgentReports;
import io.browsergrid.session.AgentSignatures;
import io.browsergrid.session.SessionIds;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code agentEvents} function: a browser container's agent reports on its session with
 * {@code POST} and the headers {@code X-BrowserGrid-Session} (the session id), {@code X-BrowserGrid-Timestamp} (epoch
 * seconds) and {@code X-BrowserGrid-Signature} ({@link AgentSignatures}). A callback that is not correctly signed
 * answers 401 problem+json without saying which part was wrong. A signed one's body is read by core's
 * {@link AgentReportRequests} (400 naming the field) and acted on by {@link AgentReports} (404 for no such session,
 * 409 for another browser's report); done, it answers 202.
 */
public final class AgentEventsFunction implements Function<Map<String, Object>, APIGatewayV2HTTPResponse> {
  /** The headers an agent sends. */
  public static final String SESSION_HEADER = "x-browsergrid-session";
  public static final String TIMESTAMP_HEADER = "x-browsergrid-timestamp";
  public static final String SIGNATURE_HEADER = "x-browsergrid-signature";

  private final AgentSignatures signatures;
  private final AgentReports reports;
  private final AgentReportRequests bodies = new AgentReportRequests();
  private final ApiHandler problems;
  private final ApiGatewayRequests requests;
  private final ApiGatewayResponses responses;

  /** @param problems renders refusals as the API does */
  public AgentEventsFunction(AgentSignatures signatures, AgentReports reports, ApiHandler problems,
      ApiGatewayRequests requests, ApiGatewayResponses responses) {
    this.signatures = signatures;
    this.reports = reports;
    this.problems = problems;
    this.requests = requests;
    this.responses = responses;
  }

  @Override
  public APIGatewayV2HTTPResponse apply(Map<String, Object> event) {
    return responses.fromCore(answer(event));
  }

  private HttpResponse answer(Map<String, Object> event) {
    HttpRequest request;
    try {
      request = requests.toCore(event);
    } catch (IllegalArgumentException unreadable) {
      return refuse(ProblemException.invalid("request", unreadable.getMessage()));
    }
    if (!request.method().equals("POST")) {
      return refuse(ProblemException.methodNotAllowed(request.method(), "POST"));
    }
    String sessionId = request.header(SESSION_HEADER);
    if (!SessionIds.wellFormed(sessionId) || !signatures.verify(sessionId, request.header(TIMESTAMP_HEADER),
        request.header(SIGNATURE_HEADER), request.body())) {
      return refuse(ProblemException.unauthorized("the callback's signature does not verify"));
    }
    try {
      reports.accept(sessionId, bodies.read(request.body()));
    } catch (ProblemException refused) {
      return refuse(refused);
    }
    return HttpResponse.empty(202);
  }

  private HttpResponse refuse(ProblemException problem) {
    return problems.failure(problem, UUID.randomUUID().toString());
  }
}
