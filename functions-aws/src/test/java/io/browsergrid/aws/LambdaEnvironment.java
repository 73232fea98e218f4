package io.browsergrid.aws;

import io.browsergrid.agent.server.InProcessAgents;
import io.browsergrid.agent.server.TestAgents;
import io.browsergrid.aws.local.LocalAwsDeployment;
import io.browsergrid.secret.ssm.FakeSsm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the Lambda ITs run against, started once per test run and closed at its end: the deployable as
 * {@code scripts/run aws} runs it ({@link LocalAwsDeployment}: DynamoDB Local and ElasticMQ in-process, the real
 * {@code FunctionInvoker} per function, each browser the real agent with a sandboxed Chromium posting its signed
 * callbacks to {@code agentEvents} through a function URL), with the operator key, the deployment secret and the public
 * URL in SSM parameters (a {@link FakeSsm}) that the functions read at init, as the Terraform module sets them up.
 * The tests invoke {@code cleanup} and {@code deliverWebhooks} themselves: no schedule, no event source.
 */
final class LambdaEnvironment implements AutoCloseable {
  static final String API_KEY = "bg_lambda-it-operator-key";

  private final Path browsersDir;
  private final FakeSsm ssm;
  private final LocalAwsDeployment deployment;

  private LambdaEnvironment() throws Exception {
    long started = System.nanoTime();
    browsersDir = Files.createTempDirectory("browsergrid-lambda-it");
    ssm = new FakeSsm()
        .put("/browsergrid/secret-key", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9,
            10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}))
        .put("/browsergrid/operator-key", API_KEY);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("aws.endpointUrlSsm", ssm.endpoint().toString());
    settings.put("BROWSERGRID_SECRET_KEY_FROM", "/browsergrid/secret-key");
    settings.put("BROWSERGRID_API_KEY_FROM", "/browsergrid/operator-key");
    settings.put("BROWSERGRID_MAX_SESSIONS", "4");
    settings.put("BROWSERGRID_START_TIMEOUT_SECONDS", "30");
    settings.put("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true");
    try {
      deployment = LocalAwsDeployment.start(new LocalAwsDeployment.Options("127.0.0.1", 0, null, settings,
          callback -> TestAgents.inProcess(callback, browsersDir), false, null, 1));
    } catch (Exception | Error e) {
      ssm.close();
      throw e;
    }
    System.out.printf("Lambda IT engines started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  /** Feeds {@code event} to {@code function} and returns what its handler wrote. */
  byte[] invoke(String function, byte[] event) {
    return deployment.functions().invoke(function, event);
  }

  /** A bean of the context that serves {@code function} (invoked at least once). */
  <T> T bean(String function, Class<T> type) {
    return deployment.functions().context(function).getBean(type);
  }

  InProcessAgents browsers() {
    return deployment.browsers();
  }

  SqsClient sqs() {
    return deployment.sqs();
  }

  String queueUrl() {
    return deployment.queueUrl();
  }

  String publicUrl() {
    return deployment.apiUrl();
  }

  /** Closes the deployment (contexts, browsers, engines), then the fake SSM; deletes the browsers' folder. */
  @Override
  public void close() {
    deployment.close();
    ssm.close();
    try (Stream<Path> paths = Files.walk(browsersDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + browsersDir + ": " + e);
    }
    System.out.println("Lambda IT engines, contexts and browsers stopped");
  }

  /** Hands the one environment of a test run to test classes and lifecycle methods that declare it. */
  static final class Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Extension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LambdaEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LambdaEnvironment.class, key -> {
        try {
          return new LambdaEnvironment();
        } catch (Exception e) {
          throw new IllegalStateException("the Lambda IT environment did not start", e);
        }
      }, LambdaEnvironment.class);
    }
  }
}
