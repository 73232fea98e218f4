package io.browsergrid.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The AOT cache's training run ({@code scripts/deploy} runs it in the Lambda {@code java:25} image with
 * {@code -XX:AOTCacheOutput}): one cold start of the {@code api} function and one {@code GET /health} through the real
 * {@link FunctionInvoker}, as Lambda runs them. Without a reachable table the health answer reports the store down,
 * which is still the code path of a request; any failure is printed and the run ends normally, so the cache is
 * written from what was loaded.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) {
    try {
      System.setProperty("spring.cloud.function.definition", "api");
      FunctionInvoker invoker = new FunctionInvoker();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      invoker.handleRequest(new ByteArrayInputStream(ApiPriming.HEALTH_EVENT), out, null);
      System.out.println("training answer: " + out);
    } catch (Exception | Error e) {
      System.out.println("training ended early (the cache keeps what was loaded): " + e);
    }
    System.exit(0);
  }
}
