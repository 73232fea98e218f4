package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.serverless.EdgeRequests;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code api} function: an API Gateway HTTP API or function URL request, served by the core's {@link ApiHandler}.
 * An event that cannot be read as a request (a body that is not the base64 it claims to be) answers 400 problem+json
 * like any other bad input. The event arrives as the JSON object SCF parsed ({@link ApiGatewayRequests} says why).
 */
public final class ApiFunction implements Function<Map<String, Object>, APIGatewayV2HTTPResponse> {
  private final ApiHandler api;
  private final EdgeRequests edge;
  private final ApiGatewayRequests requests;
  private final ApiGatewayResponses responses;

  public ApiFunction(ApiHandler api, ApiGatewayRequests requests, ApiGatewayResponses responses) {
    this.api = api;
    this.edge = new EdgeRequests(api);
    this.requests = requests;
    this.responses = responses;
  }

  @Override
  public APIGatewayV2HTTPResponse apply(Map<String, Object> event) {
    return responses.fromCore(edge.serve(() -> requests.toCore(event), api::handle));
  }
}
