package io.browsergrid.aws;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.FargateBrowserProvider;
import io.browsergrid.browser.FargateSettings;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.SqsEventQueue;
import io.browsergrid.session.AgentSignatures;
import io.browsergrid.session.InMemorySessionActivity;
import io.browsergrid.session.StoredSessionActivity;
import io.browsergrid.store.DynamoDbKeyValueStore;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Core;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.converter.MessageConverter;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Lambda deployable's composition root, found by {@code FunctionInvoker} through {@code MAIN_CLASS}. It registers
 * its beans functionally (no component scan, no auto-configuration, for a short cold start): the SDK clients, the
 * DynamoDB store, the SQS queue, a browser provider, the core, and the four functions {@code api}, {@code cleanup},
 * {@code deliverWebhooks} and {@code agentEvents}, of which {@code spring_cloud_function_definition} picks the one a
 * Lambda function serves. Everything is built while the context starts (Lambda's init phase, before a SnapStart
 * snapshot), including the operator bootstrap, so a request does only its own work.
 *
 * <p>A {@link BrowserProvider} bean registered before {@link #initialize} runs (a test's) is used as it is; otherwise
 * {@code BROWSERGRID_PROVIDER} chooses one ({@link AwsSettings#provider()}).
 */
public final class AwsApplication implements ApplicationContextInitializer<GenericApplicationContext> {
  private static final Logger LOG = System.getLogger(AwsApplication.class.getName());

  @Override
  public void initialize(GenericApplicationContext context) {
    AwsSettings settings = AwsSettings.from(context.getEnvironment()::getProperty);
    Clock clock = Clock.systemUTC();
    // functional registration skips AWSCompanionAutoConfiguration: without this, answers would be JSON-encoded twice
    context.registerBean("awsTypesMessageConverter", MessageConverter.class,
        () -> new AWSCompanionAutoConfiguration().awsTypesMessageConverter(context));
    context.registerBean(AwsSettings.class, () -> settings);
    context.registerBean(DynamoDbClient.class,
        () -> DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build());
    context.registerBean(SqsClient.class,
        () -> SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build());
    context.registerBean(KeyValueStore.class,
        () -> new DynamoDbKeyValueStore(context.getBean(DynamoDbClient.class), settings.table()));
    context.registerBean(EventQueue.class,
        () -> new SqsEventQueue(context.getBean(SqsClient.class), settings.queueUrl()));
    if (context.getBeanFactory().getBeanNamesForType(BrowserProvider.class, false, false).length == 0) {
      registerProvider(context, settings);
    }
    context.registerBean("browsergridExecutor", ExecutorService.class, AwsApplication::daemonThreads,
        definition -> definition.setDestroyMethodName("shutdownNow"));
    context.registerBean(BrowserGridCore.class, () -> core(context, settings, clock));

    ApiGatewayRequests requests = new ApiGatewayRequests();
    ApiGatewayResponses responses = new ApiGatewayResponses();
    function(context, "api", Function.class, ApiFunction.class,
        () -> new ApiFunction(core(context).api(), requests, responses));
    function(context, "cleanup", Consumer.class, CleanupFunction.class,
        () -> new CleanupFunction(core(context).cleanup()));
    function(context, "deliverWebhooks", Function.class, DeliverWebhooksFunction.class,
        () -> new DeliverWebhooksFunction(core(context).deliverWebhooks()));
    function(context, "agentEvents", Function.class, AgentEventsFunction.class,
        () -> new AgentEventsFunction(new AgentSignatures(core(context).cdpTokens()::token, clock),
            core(context).agentReports(), core(context).api(), requests, responses));

    context.registerBean(ApiPriming.class, () -> {
      ApiPriming priming = new ApiPriming(context.getBean(FunctionCatalog.class), context.getBean(JsonMapper.class));
      Core.getGlobalContext().register(priming);
      return priming;
    });
  }

  private static void registerProvider(GenericApplicationContext context, AwsSettings settings) {
    switch (settings.provider()) {
      case "none" -> context.registerBean(BrowserProvider.class, UnconfiguredBrowserProvider::new);
      case "fargate" -> {
        FargateSettings fargate = FargateVariables.from(context.getEnvironment()::getProperty);
        context.registerBean(EcsClient.class,
            () -> EcsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build());
        if (fargate.usePublicIp()) {
          context.registerBean(Ec2Client.class,
              () -> Ec2Client.builder().httpClientBuilder(ApacheHttpClient.builder()).build());
        }
        context.registerBean(BrowserProvider.class, () -> new FargateBrowserProvider(context.getBean(EcsClient.class),
            fargate.usePublicIp() ? context.getBean(Ec2Client.class) : null, fargate));
      }
      default -> throw new IllegalArgumentException(
          "BROWSERGRID_PROVIDER must be none or fargate: " + settings.provider());
    }
  }

  private static BrowserGridCore core(GenericApplicationContext context, AwsSettings settings, Clock clock) {
    BrowserGridCore core = new BrowserGridCore(context.getBean(KeyValueStore.class),
        context.getBean(BrowserProvider.class), context.getBean(EventQueue.class), new InMemorySessionActivity(clock),
        new StoredSessionActivity(context.getBean(KeyValueStore.class), new JsonCodec(), clock), settings.core(),
        context.getBean(ExecutorService.class), clock);
    try {
      core.bootstrap(Optional.of(settings.apiKey()));
    } catch (IllegalStateException raced) {
      // another function's cold start installed the same key at the same moment; the second pass finds it in place
      LOG.log(Level.INFO, "operator bootstrap raced another start; once more: " + raced.getMessage());
      core.bootstrap(Optional.of(settings.apiKey()));
    }
    return core;
  }

  private static BrowserGridCore core(GenericApplicationContext context) {
    return context.getBean(BrowserGridCore.class);
  }

  /** Registers {@code name} with its generic type read from {@code type}, which SCF needs to convert the events. */
  private static <T> void function(GenericApplicationContext context, String name, Class<?> functionalInterface,
      Class<T> type, Supplier<T> function) {
    context.registerBean(name, FunctionRegistration.class, () -> new FunctionRegistration<>(function.get(), name)
        .type(ResolvableType.forClass(type).as(functionalInterface).getType()));
  }

  private static ExecutorService daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "browsergrid-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
