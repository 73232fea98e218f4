package io.browsergrid.aws.local;

import io.browsergrid.agent.server.InProcessAgents;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS deployable on this machine, as {@code sam local} would run it: DynamoDB Local and ElasticMQ in this JVM,
 * the {@code api} function behind a function URL on {@code host:port}, {@code agentEvents} behind one on loopback,
 * {@code cleanup} on a schedule with the scheduler's event, webhook events from ElasticMQ into
 * {@code deliverWebhooks} as Lambda's SQS event source hands them over, and each browser a real agent beside its
 * Chromium ({@link InProcessAgents}), reached at the agent's own endpoint as a Fargate task is. The deployment's
 * settings reach the functions as system properties (Spring reads them before the environment), so the functions
 * run exactly the configuration code of the cloud.
 */
public final class LocalAwsDeployment implements AutoCloseable {
  // FunctionInvoker makes MAIN_CLASS by name, with no arguments: this is how LocalAwsApplication finds the browsers
  private static volatile LocalAwsDeployment current;

  /**
   * What to run.
   *
   * @param host            where the API listens (the agents and agentEvents stay on loopback)
   * @param port            the API's port; 0 picks a free one
   * @param dataDir         where DynamoDB Local keeps the table across restarts; null keeps it in memory
   * @param properties      the deployment's own settings (the operator key, the secret, limits), as the functions'
   *                        environment
   * @param browsers        the browsers' provider, given the agentEvents URL their agents report to
   * @param deliverWebhooks whether to feed queued webhook events to {@code deliverWebhooks} (a test may do it itself)
   * @param cleanupEvery    how often {@code cleanup} runs; null: never (a test invokes it)
   * @param instances       instances of each function at once
   */
  public record Options(String host, int port, Path dataDir, Map<String, String> properties,
      Function<URI, InProcessAgents> browsers, boolean deliverWebhooks, Duration cleanupEvery, int instances) {}

  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "local-function-url");
    thread.setDaemon(true);
    return thread;
  });
  private LocalFunctions functions;
  private LocalAwsEngines engines;
  private SqsClient sqs;
  private FunctionUrl api;
  private InProcessAgents browsers;
  private boolean closed;

  private LocalAwsDeployment(Options options) throws Exception {
    try {
      functions = new LocalFunctions(options.instances());
      started.add(functions);
      engines = LocalAwsEngines.start(options.dataDir() == null ? null : options.dataDir().resolve("dynamodb"));
      started.add(engines);
      sqs = engines.sqsClient();
      started.add(sqs);
      // bound now, for their URLs; they answer once the settings are in place, so no request meets a half-made
      // deployment
      FunctionUrl agentEvents = new FunctionUrl("agentEvents", "127.0.0.1", 0, functions::invoke, threads);
      started.add(agentEvents);
      api = new FunctionUrl("api", options.host(), options.port(), functions::invoke, threads);
      started.add(api);
      browsers = options.browsers().apply(agentEvents.url());
      started.add(browsers);

      set("aws.region", "us-east-1");
      set("aws.accessKeyId", "local");
      set("aws.secretAccessKey", "local");
      set("aws.endpointUrlDynamoDb", engines.dynamoEndpoint().toString());
      set("aws.endpointUrlSqs", engines.sqsEndpoint().toString());
      set("BROWSERGRID_TABLE", LocalAwsEngines.TABLE);
      set("BROWSERGRID_QUEUE_URL", engines.queueUrl());
      set("BROWSERGRID_PUBLIC_URL", publicUrl(options));
      // a container provider: each agent serves its session's CDP itself (LocalAwsApplication puts the agents in)
      set("BROWSERGRID_PROVIDER", "fargate");
      set("MAIN_CLASS", LocalAwsApplication.class.getName());
      set("logging.level.com.amazonaws.services.dynamodbv2.local", "warn");
      options.properties().forEach(this::set);
      current = this;
      agentEvents.start();
      api.start();

      if (options.deliverWebhooks()) {
        started.add(new QueueDeliveries(sqs, engines.queueUrl(), functions::invoke).start());
      }
      if (options.cleanupEvery() != null) {
        started.add(new CleanupSchedule(functions::invoke, options.cleanupEvery()).start());
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Starts everything; nothing is left running when it throws.
   *
   * @throws IllegalStateException when another deployment runs in this JVM
   */
  public static LocalAwsDeployment start(Options options) throws Exception {
    synchronized (LocalAwsDeployment.class) {
      if (current != null) {
        throw new IllegalStateException("a local AWS deployment already runs in this JVM");
      }
      return new LocalAwsDeployment(options);
    }
  }

  private String publicUrl(Options options) {
    String configured = options.properties().get("BROWSERGRID_PUBLIC_URL");
    if (configured != null) {
      return configured;
    }
    String url = api.url().toString();
    // a wildcard address is no address a client can use
    return (url.contains("//0.0.0.0:") || url.contains("//[::]:") ? url.replaceFirst("//[^/]+:", "//127.0.0.1:")
        : url).replaceFirst("/$", "");
  }

  /** The running deployment, for {@link LocalAwsApplication}. */
  static LocalAwsDeployment current() {
    LocalAwsDeployment deployment = current;
    if (deployment == null) {
      throw new IllegalStateException("no LocalAwsDeployment is running in this JVM");
    }
    return deployment;
  }

  /** The API's base URL, without a trailing slash. */
  public String apiUrl() {
    return properties.get("BROWSERGRID_PUBLIC_URL");
  }

  public LocalFunctions functions() {
    return functions;
  }

  public InProcessAgents browsers() {
    return browsers;
  }

  /** A client of the events queue (owned by the deployment). */
  public SqsClient sqs() {
    return sqs;
  }

  public String queueUrl() {
    return engines.queueUrl();
  }

  /** Stops the schedule, the functions, every browser, then the engines; forgets the system properties. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e);
      }
    }
    threads.shutdownNow();
    properties.keySet().forEach(System::clearProperty);
    current = null;
  }

  private void set(String name, String value) {
    properties.put(name, value);
    System.setProperty(name, value);
  }
}
