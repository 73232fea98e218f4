package io.browsergrid.aws;

import java.nio.charset.StandardCharsets;
import org.crac.Context;
import org.crac.Resource;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;

/**
 * The SnapStart priming hook: before Lambda takes the snapshot, one {@code GET /health} event runs through the
 * {@code api} function exactly as {@code FunctionInvoker} runs a request (event conversion, the core's router, a store
 * read, the provider's list), so the classes, JIT work and SDK connections it needs are in the snapshot rather than
 * paid by the first request after a restore. Without CRaC (no SnapStart) it is never called.
 */
public final class ApiPriming implements Resource {
  /** An HTTP API (payload 2.0) event for {@code GET /health}. */
  static final byte[] HEALTH_EVENT = ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/health\","
      + "\"rawQueryString\":\"\",\"headers\":{\"user-agent\":\"browsergrid-snapstart-priming\"},"
      + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/health\",\"protocol\":\"HTTP/1.1\"},"
      + "\"routeKey\":\"$default\",\"stage\":\"$default\"},\"isBase64Encoded\":false}")
      .getBytes(StandardCharsets.UTF_8);

  private final FunctionCatalog catalog;
  private final JsonMapper json;

  public ApiPriming(FunctionCatalog catalog, JsonMapper json) {
    this.catalog = catalog;
    this.json = json;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to renew: the SDK re-resolves credentials and reopens connections by itself
  }

  /** Runs the health event through the {@code api} function; returns the Lambda response bytes. */
  byte[] prime() {
    FunctionInvocationWrapper api = catalog.lookup("api", "application/json");
    Message<byte[]> request = AWSLambdaUtils.generateMessage(HEALTH_EVENT, api.getInputType(), false, json);
    Object response = api.apply(request);
    return AWSLambdaUtils.generateOutputFromObject(request, response, json, api.getOutputType());
  }
}
