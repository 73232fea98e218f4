package io.browsergrid.aws;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.agent.server.InProcessAgents;
import io.browsergrid.secret.ssm.FakeSsm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the Lambda ITs run against, started once per test run and closed at its end: DynamoDB Local and ElasticMQ
 * in-process, and in place of ECS one {@link InProcessAgents} that every function's context shares (as every Lambda
 * function sees the same tasks): each browser is the real agent with a sandboxed Chromium, which serves the session's
 * {@code cdpUrl} itself and posts its signed callbacks to the {@code agentEvents} function through a
 * {@link FunctionUrl}, as a browser container does in the cloud. Each function runs in its own Spring context, built
 * by the real {@link FunctionInvoker} with {@link LocalAwsApplication} as {@code MAIN_CLASS}; the deployment's
 * settings reach it as system properties, and the AWS SDK finds the engines through {@code aws.endpointUrlDynamoDb} and
 * {@code aws.endpointUrlSqs}, the system-property twins of {@code AWS_ENDPOINT_URL_DYNAMODB} and
 * {@code AWS_ENDPOINT_URL_SQS}. The operator key, the deployment secret and the public URL are SSM parameters (a
 * {@link FakeSsm}, {@code aws.endpointUrlSsm}) that the functions read at init, as the Terraform module sets them up.
 */
final class LambdaEnvironment implements AutoCloseable {
  static final String API_KEY = "bg_lambda-it-operator-key";
  // FunctionInvoker instantiates MAIN_CLASS by name, so this is how LocalAwsApplication finds the running engines
  private static volatile LambdaEnvironment current;

  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, FunctionInvoker> invokers = new HashMap<>();
  private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
  private final List<AutoCloseable> engines = new ArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Path browsersDir;
  private final InProcessAgents browsers;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String publicUrl;
  private boolean closed;

  private LambdaEnvironment() throws Exception {
    try {
      long started = System.nanoTime();
      LocalAwsEngines aws = LocalAwsEngines.start();
      engines.add(aws);
      URI dynamoEndpoint = aws.dynamoEndpoint();
      URI sqsEndpoint = aws.sqsEndpoint();
      sqs = aws.sqsClient();
      engines.add(sqs::close);
      queueUrl = aws.queueUrl();

      browsersDir = Files.createTempDirectory("browsergrid-lambda-it");
      FunctionUrl agentEvents = new FunctionUrl("agentEvents", this::invoke, threads);
      engines.add(agentEvents);
      FunctionUrl api = new FunctionUrl("api", this::invoke, threads);
      engines.add(api);
      publicUrl = api.url().toString().replaceFirst("/$", "");
      browsers = new InProcessAgents(agentEvents.url(), browsersDir);

      set("aws.region", "us-east-1");
      set("aws.accessKeyId", "local");
      set("aws.secretAccessKey", "local");
      set("aws.endpointUrlDynamoDb", dynamoEndpoint.toString());
      set("aws.endpointUrlSqs", sqsEndpoint.toString());
      set("BROWSERGRID_TABLE", LocalAwsEngines.TABLE);
      set("BROWSERGRID_QUEUE_URL", queueUrl);
      // as the Terraform module deploys them: the keys and the public URL in SSM parameters, read at init
      FakeSsm ssm = new FakeSsm()
          .put("/browsergrid/public-url", publicUrl)
          .put("/browsergrid/secret-key", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9,
              10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}))
          .put("/browsergrid/operator-key", API_KEY);
      engines.add(ssm);
      set("aws.endpointUrlSsm", ssm.endpoint().toString());
      set("BROWSERGRID_PUBLIC_URL_FROM", "/browsergrid/public-url");
      set("BROWSERGRID_SECRET_KEY_FROM", "/browsergrid/secret-key");
      set("BROWSERGRID_API_KEY_FROM", "/browsergrid/operator-key");
      set("BROWSERGRID_MAX_SESSIONS", "4");
      set("BROWSERGRID_START_TIMEOUT_SECONDS", "30");
      set("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true");
      // a container provider: each agent serves its session's CDP (LocalAwsApplication puts the agents in its place)
      set("BROWSERGRID_PROVIDER", "fargate");
      set("MAIN_CLASS", LocalAwsApplication.class.getName());
      set("logging.level.com.amazonaws.services.dynamodbv2.local", "warn");
      current = this;
      System.out.printf("Lambda IT engines started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** The environment the running tests started, for {@link LocalAwsApplication}. */
  static LambdaEnvironment current() {
    LambdaEnvironment environment = current;
    if (environment == null) {
      throw new IllegalStateException("no LambdaEnvironment is running");
    }
    return environment;
  }

  /**
   * Feeds {@code event} to {@code function} through its {@link FunctionInvoker} (created, with its context, on first
   * use) and returns what the handler wrote.
   */
  byte[] invoke(String function, byte[] event) {
    FunctionInvoker invoker;
    synchronized (this) {
      invoker = invokers.computeIfAbsent(function, name -> {
        System.setProperty("spring.cloud.function.definition", name);
        return new FunctionInvoker();
      });
    }
    // one event at a time per function, as one Lambda instance serves them; other functions run meanwhile (an
    // agent's callback reaches agentEvents while api waits for that agent's browser)
    synchronized (invoker) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        invoker.handleRequest(new ByteArrayInputStream(event), out, new TestLambdaContext(function));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }

  /** A bean of the context that serves {@code function} (invoked at least once). */
  synchronized <T> T bean(String function, Class<T> type) {
    return contexts.get(function).getBean(type);
  }

  InProcessAgents browsers() {
    return browsers;
  }

  SqsClient sqs() {
    return sqs;
  }

  String queueUrl() {
    return queueUrl;
  }

  String publicUrl() {
    return publicUrl;
  }

  /** A function's context was made; it is closed with this environment. */
  synchronized void opened(String function, ConfigurableApplicationContext context) {
    contexts.put(function, context);
  }

  /** Closes every function's context, stops every browser, then the engines; forgets the system properties. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    List<ConfigurableApplicationContext> open = new ArrayList<>(contexts.values());
    java.util.Collections.reverse(open);
    open.forEach(ConfigurableApplicationContext::close);
    if (browsers != null) {
      browsers.close();
    }
    for (int i = engines.size() - 1; i >= 0; i--) {
      try {
        engines.get(i).close();
      } catch (Exception e) {
        System.err.println("stopping an engine failed: " + e);
      }
    }
    threads.shutdownNow();
    properties.keySet().forEach(System::clearProperty);
    System.clearProperty("spring.cloud.function.definition");
    deleteBrowsersDir();
    System.out.println("Lambda IT engines, contexts and browsers stopped");
  }

  private void set(String name, String value) {
    properties.put(name, value);
    System.setProperty(name, value);
  }

  private void deleteBrowsersDir() {
    if (browsersDir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(browsersDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + browsersDir + ": " + e);
    }
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
