package io.browsergrid.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.NoCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.ServicesSettings;
import com.google.pubsub.v1.TopicName;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.cloudrun.CloudRunBrowserProvider;
import io.browsergrid.browser.unconfigured.UnconfiguredBrowserProvider;
import io.browsergrid.event.pubsub.PubSubEventQueue;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.serverless.CoreBuild;
import io.browsergrid.serverless.DaemonThreads;
import io.browsergrid.serverless.ServerlessSettings;
import io.browsergrid.store.firestore.FirestoreKeyValueStore;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * The Cloud Functions deployable's composition root, started by {@link GcpFunction}. It registers its beans
 * functionally (no component scan, no auto-configuration, for a short cold start): the core and the four functions
 * {@code api}, {@code cleanup}, {@code deliverWebhooks} and {@code agentEvents}, each taking and answering the core's
 * HTTP types, of which {@code spring.cloud.function.definition} picks the one a deployed function serves.
 *
 * <p>The core (the Firestore store, the Pub/Sub publisher, the browser provider, the operator key's bootstrap) is
 * built on a thread of its own from the moment the context refreshes, while Spring builds the catalog on the main
 * thread, so a cold start overlaps the two; a failure there fails the context's start with the original exception.
 */
public final class GcpApplication implements ApplicationContextInitializer<GenericApplicationContext> {
  private static final ResolvableType HTTP_FUNCTION =
      ResolvableType.forClassWithGenerics(Function.class, HttpRequest.class, HttpResponse.class);

  @Override
  public void initialize(GenericApplicationContext context) {
    Function<String, String> environment = context.getEnvironment()::getProperty;
    // complete now: a misconfiguration fails here, before anything is built
    GcpSettings settings = GcpSettings.from(environment);
    Function<Consumer<AutoCloseable>, BrowserProvider> provider = provider(settings, environment);
    Clock clock = Clock.systemUTC();
    ExecutorService executor = DaemonThreads.cached();
    CoreBuild build = new CoreBuild(owned -> core(settings, provider, owned, executor, clock));

    context.registerBean("browsergridExecutor", ExecutorService.class, () -> executor,
        definition -> definition.setDestroyMethodName("shutdownNow"));
    context.registerBean(CoreBuild.class, () -> build, definition -> definition.setDestroyMethodName("close"));
    context.addBeanFactoryPostProcessor(factory -> build.start());
    context.registerBean(BrowserGridCore.class, () -> context.getBean(CoreBuild.class).get(), GcpApplication::lazy);

    function(context, "api", () -> core(context).api()::handle);
    function(context, "agentEvents", () -> core(context).agentCallbacks()::handle);
    function(context, "cleanup", () -> new ScheduledCleanup(core(context).cleanup(), settings.invoker(environment),
        core(context).api()));
    function(context, "deliverWebhooks", () -> new PushedDeliveries(core(context).deliverWebhooks(),
        settings.invoker(environment), core(context).api(), clock));
  }

  /** What {@code BROWSERGRID_PROVIDER} names; the client it opens is handed to its argument, closed with the context. */
  static Function<Consumer<AutoCloseable>, BrowserProvider> provider(GcpSettings settings,
      Function<String, String> variables) {
    return switch (settings.shared().provider()) {
      case ServerlessSettings.NO_PROVIDER -> owned -> new UnconfiguredBrowserProvider(GcpSettings.CLOUD_RUN);
      case GcpSettings.CLOUD_RUN -> {
        var cloudRun = CloudRunVariables.from(variables);
        String endpoint = CloudRunVariables.endpoint(variables);
        yield owned -> new CloudRunBrowserProvider(own(owned, runClient(endpoint)), cloudRun);
      }
      default -> throw new IllegalArgumentException(
          "BROWSERGRID_PROVIDER must be none or cloudrun: " + settings.shared().provider());
    };
  }

  private static ServicesClient runClient(String endpoint) {
    try {
      // REST, not gRPC: fewer classes to load on a cold start, and one transport for every call the provider makes
      ServicesSettings.Builder settings = ServicesSettings.newHttpJsonBuilder();
      if (endpoint != null) {
        settings.setEndpoint(endpoint);
        if (endpoint.startsWith("http://")) {
          settings.setCredentialsProvider(NoCredentialsProvider.create());
        }
      }
      return ServicesClient.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BrowserGridCore core(GcpSettings settings,
      Function<Consumer<AutoCloseable>, BrowserProvider> providers, Consumer<AutoCloseable> owned,
      ExecutorService executor, Clock clock) {
    CompletableFuture<Publisher> publisher = CompletableFuture.supplyAsync(() -> publisher(settings, owned), executor);
    CompletableFuture<BrowserProvider> browsers =
        CompletableFuture.supplyAsync(() -> providers.apply(owned), executor);
    Firestore firestore = own(owned, firestore(settings));
    FirestoreKeyValueStore store = new FirestoreKeyValueStore(firestore, settings.collection());
    return CoreBuild.assembled(store, CoreBuild.joined(browsers),
        new PubSubEventQueue(CoreBuild.joined(publisher), clock), settings.shared(), executor, clock);
  }

  private static Firestore firestore(GcpSettings settings) {
    FirestoreOptions.Builder options = FirestoreOptions.newBuilder().setProjectId(settings.project())
        .setDatabaseId(settings.database());
    if (settings.firestoreEmulator() != null) {
      // the emulator host alone still dials firestore.googleapis.com in 3.42.0: the host is set as well
      options.setEmulatorHost(settings.firestoreEmulator()).setHost(settings.firestoreEmulator())
          .setCredentials(NoCredentials.getInstance());
    }
    return options.build().getService();
  }

  private static Publisher publisher(GcpSettings settings, Consumer<AutoCloseable> owned) {
    try {
      Publisher.Builder builder = Publisher.newBuilder(TopicName.of(settings.project(), settings.topic()));
      if (settings.pubsubEmulator() != null) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(settings.pubsubEmulator()).usePlaintext().build();
        owned.accept(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        builder.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create());
      }
      Publisher publisher = builder.build();
      owned.accept(() -> {
        publisher.shutdown();
        publisher.awaitTermination(5, TimeUnit.SECONDS);
      });
      return publisher;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T extends AutoCloseable> T own(Consumer<AutoCloseable> owned, T client) {
    owned.accept(client);
    return client;
  }

  private static BrowserGridCore core(GenericApplicationContext context) {
    return context.getBean(BrowserGridCore.class);
  }

  private static void function(GenericApplicationContext context, String name,
      Supplier<Function<HttpRequest, HttpResponse>> function) {
    context.registerBean(name, FunctionRegistration.class,
        () -> new FunctionRegistration<>(function.get(), name).type(HTTP_FUNCTION.getType()), GcpApplication::lazy);
  }

  /** Made when first asked for, so that the rest of the context starts while the core is being built. */
  private static void lazy(BeanDefinition definition) {
    definition.setLazyInit(true);
  }
}
