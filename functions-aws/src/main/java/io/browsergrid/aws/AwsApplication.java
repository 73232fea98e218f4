package io.browsergrid.aws;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.fargate.FargateBrowserProvider;
import io.browsergrid.browser.fargate.FargateSettings;
import io.browsergrid.browser.unconfigured.UnconfiguredBrowserProvider;
import io.browsergrid.event.sqs.SqsEventQueue;
import io.browsergrid.secret.IndirectVariables;
import io.browsergrid.secret.ssm.SsmSecretReader;
import io.browsergrid.serverless.CoreBuild;
import io.browsergrid.serverless.DaemonThreads;
import io.browsergrid.serverless.ServerlessSettings;
import io.browsergrid.store.dynamodb.DynamoDbKeyValueStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Core;
import org.springframework.beans.factory.config.BeanDefinition;
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
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The Lambda deployable's composition root, found by {@code FunctionInvoker} through {@code MAIN_CLASS}. It registers
 * its beans functionally (no component scan, no auto-configuration, for a short cold start): the core and the four
 * functions {@code api}, {@code cleanup}, {@code deliverWebhooks} and {@code agentEvents}, of which
 * {@code spring_cloud_function_definition} picks the one a Lambda function serves.
 *
 * <p>Variables may name SSM parameters instead of holding values ({@link IndirectVariables}: {@code X_FROM}); those
 * are read in one call on the build thread. The core (SDK clients, the DynamoDB store, the SQS queue, the browser
 * provider) is built and the operator key
 * bootstrapped on a thread of its own that starts when the context refreshes, while Spring builds the function
 * catalog on the main thread: both happen in Lambda's init phase (before a SnapStart snapshot), overlapped, so a
 * request does only its own work. A failure there fails the context's start with the original exception.
 */
public final class AwsApplication implements ApplicationContextInitializer<GenericApplicationContext> {
  private final Supplier<BrowserProvider> providerOverride;

  /** The deployable's root: {@code BROWSERGRID_PROVIDER} chooses the browser provider. */
  public AwsApplication() {
    this(null);
  }

  /** @param providerOverride the browser provider to use instead of the configured one (a test's), or null */
  AwsApplication(Supplier<BrowserProvider> providerOverride) {
    this.providerOverride = providerOverride;
  }

  /** The deployable with {@code browsers} in place of the configured provider: a local run's ({@code local}). */
  public static AwsApplication withBrowsers(Supplier<BrowserProvider> browsers) {
    return new AwsApplication(browsers);
  }

  @Override
  public void initialize(GenericApplicationContext context) {
    Function<String, String> environment = context.getEnvironment()::getProperty;
    BiFunction<AwsSettings, Function<String, String>, Function<Consumer<AutoCloseable>, BrowserProvider>> providers =
        providerOverride != null ? (settings, variables) -> owned -> providerOverride.get() : AwsApplication::provider;
    if (IndirectVariables.secrets(environment).isEmpty()) {
      // complete now: a misconfiguration fails here, before anything is built; else once the secrets are read
      AwsSettings settings = AwsSettings.from(environment);
      providers.apply(settings, environment);
    }
    Clock clock = Clock.systemUTC();
    ExecutorService executor = DaemonThreads.cached();
    CoreBuild build = new CoreBuild(owned -> core(environment, providers, owned, executor, clock));

    // functional registration skips AWSCompanionAutoConfiguration: without this, answers would be JSON-encoded twice
    context.registerBean("awsTypesMessageConverter", MessageConverter.class,
        () -> new AWSCompanionAutoConfiguration().awsTypesMessageConverter(context));
    context.registerBean("browsergridExecutor", ExecutorService.class, () -> executor,
        definition -> definition.setDestroyMethodName("shutdownNow"));
    // closing the context closes the SDK clients the build opened (a Lambda instance never does; tests and SnapStart
    // restores of a closed context would otherwise keep their connection pools)
    context.registerBean(CoreBuild.class, () -> build, definition -> definition.setDestroyMethodName("close"));
    // the first thing a refresh does: the core's build overlaps everything else Spring does while starting
    context.addBeanFactoryPostProcessor(factory -> build.start());
    context.registerBean(BrowserGridCore.class, () -> context.getBean(CoreBuild.class).get(), AwsApplication::lazy);

    ApiGatewayRequests requests = new ApiGatewayRequests();
    ApiGatewayResponses responses = new ApiGatewayResponses();
    function(context, "api", Function.class, ApiFunction.class,
        () -> new ApiFunction(core(context).api(), requests, responses));
    function(context, "cleanup", Consumer.class, CleanupFunction.class,
        () -> new CleanupFunction(core(context).cleanup()));
    function(context, "deliverWebhooks", Function.class, DeliverWebhooksFunction.class,
        () -> new DeliverWebhooksFunction(core(context).deliverWebhooks()));
    function(context, "agentEvents", Function.class, AgentEventsFunction.class,
        () -> new AgentEventsFunction(core(context).agentCallbacks(), core(context).api(), requests, responses));

    context.registerBean(ApiPriming.class, () -> {
      ApiPriming priming = new ApiPriming(context.getBean(FunctionCatalog.class), context.getBean(JsonMapper.class));
      Core.getGlobalContext().register(priming);
      return priming;
    });
  }

  /**
   * What {@code BROWSERGRID_PROVIDER} names, built when first asked for (on the core's build thread); the SDK clients
   * it opens are handed to {@code owned}, which closes them with the context.
   */
  static Function<Consumer<AutoCloseable>, BrowserProvider> provider(AwsSettings settings,
      Function<String, String> variables) {
    return switch (settings.shared().provider()) {
      case ServerlessSettings.NO_PROVIDER -> owned -> new UnconfiguredBrowserProvider(AwsSettings.FARGATE);
      case AwsSettings.FARGATE -> {
        FargateSettings fargate = FargateVariables.from(variables);
        yield owned -> new FargateBrowserProvider(
            own(owned, EcsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build()),
            fargate.usePublicIp()
                ? own(owned, Ec2Client.builder().httpClientBuilder(ApacheHttpClient.builder()).build()) : null,
            fargate);
      }
      default -> throw new IllegalArgumentException(
          "BROWSERGRID_PROVIDER must be none or fargate: " + settings.shared().provider());
    };
  }

  private static <T extends AutoCloseable> T own(Consumer<AutoCloseable> owned, T client) {
    owned.accept(client);
    return client;
  }

  private static BrowserGridCore core(Function<String, String> environment,
      BiFunction<AwsSettings, Function<String, String>, Function<Consumer<AutoCloseable>, BrowserProvider>> providers,
      Consumer<AutoCloseable> owned, ExecutorService executor, Clock clock) {
    // the secrets (one SSM call, only when some variable names one), the SQS client and the provider's clients are
    // made beside the DynamoDB client: Lambda's init has more than one vCPU
    CompletableFuture<Function<String, String>> variables = CompletableFuture.supplyAsync(() -> IndirectVariables
        .resolved(environment, () -> new SsmSecretReader(own(owned, SsmClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder()).build()))), executor);
    CompletableFuture<AwsSettings> configured = variables.thenApply(AwsSettings::from);
    CompletableFuture<SqsClient> sqs = CompletableFuture.supplyAsync(
        () -> own(owned, SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build()), executor);
    CompletableFuture<BrowserProvider> browsers = configured.thenCombineAsync(variables,
        (settings, resolved) -> providers.apply(settings, resolved).apply(owned), executor);
    DynamoDbClient dynamo = own(owned,
        DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build());
    AwsSettings settings = CoreBuild.joined(configured);
    DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(dynamo, settings.table());
    return CoreBuild.assembled(store, CoreBuild.joined(browsers),
        new SqsEventQueue(CoreBuild.joined(sqs), settings.queueUrl()), settings.shared(), executor, clock);
  }

  private static BrowserGridCore core(GenericApplicationContext context) {
    return context.getBean(BrowserGridCore.class);
  }

  /** Registers {@code name} with its generic type read from {@code type}, which SCF needs to convert the events. */
  private static <T> void function(GenericApplicationContext context, String name, Class<?> functionalInterface,
      Class<T> type, Supplier<T> function) {
    context.registerBean(name, FunctionRegistration.class, () -> new FunctionRegistration<>(function.get(), name)
        .type(ResolvableType.forClass(type).as(functionalInterface).getType()), AwsApplication::lazy);
  }

  /** Made when first asked for, so that the rest of the context starts while the core is being built. */
  private static void lazy(BeanDefinition definition) {
    definition.setLazyInit(true);
  }
}
