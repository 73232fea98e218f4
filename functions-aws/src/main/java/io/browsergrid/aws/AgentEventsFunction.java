package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.browsergrid.api.AgentCallbacks;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.serverless.EdgeRequests;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code agentEvents} function: a browser container's agent's signed callback, from API Gateway or a function
 * URL, served by the core's {@link AgentCallbacks} (which says what is checked and answered). An event that cannot
 * be read as a request answers 400 problem+json, as the {@code api} function does.
 */
public final class AgentEventsFunction implements Function<Map<String, Object>, APIGatewayV2HTTPResponse> {
  private final AgentCallbacks callbacks;
  private final EdgeRequests edge;
  private final ApiGatewayRequests requests;
  private final ApiGatewayResponses responses;

  /** @param problems renders an unreadable event's refusal as the API does */
  public AgentEventsFunction(AgentCallbacks callbacks, ApiHandler problems, ApiGatewayRequests requests,
      ApiGatewayResponses responses) {
    this.callbacks = callbacks;
    this.edge = new EdgeRequests(problems);
    this.requests = requests;
    this.responses = responses;
  }

  @Override
  public APIGatewayV2HTTPResponse apply(Map<String, Object> event) {
    return responses.fromCore(edge.serve(() -> requests.toCore(event), callbacks::handle));
  }
}
