package io.browsergrid.gcp;

import com.google.cloud.functions.invoker.runner.Invoker;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import com.sun.net.httpserver.HttpServer;
import io.browsergrid.agent.server.InProcessAgents;
import io.browsergrid.agent.server.TestAgents;
import io.browsergrid.browser.cloudrun.FakeCloudRun;
import io.browsergrid.event.pubsub.PubSubEmulator;
import io.browsergrid.store.firestore.FirestoreEmulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Cloud Functions deployable on this machine, for the ITs: the four functions each served by the real Functions
 * Framework invoker (in this JVM, each its own {@link GcpFunction} made by the framework, configured as a deployed
 * function is, through its environment: here system properties), Google's Firestore and Pub/Sub emulators, the
 * events topic with a push subscription, Cloud Run as the local Admin API server whose services run real agents
 * with real Chromium, and Google's token issuer as {@link TestOidc}. Pub/Sub's push and Cloud Scheduler's calls carry
 * the issuer's OIDC tokens as in the cloud: the emulator pushes to a relay that adds the push account's token (the
 * emulator sends none), and a timer calls {@code cleanup} with the scheduler's, every {@code cleanupEvery}.
 */
final class GcpDeployment implements AutoCloseable {
  static final String PROJECT = "browsergrid-local";
  static final String KEY = "bg_live_gcpdeploymenttestoperatorkey00000001";
  static final String SCHEDULER = "scheduler@browsergrid-local.iam.gserviceaccount.com";
  static final String PUSHER = "pubsub-push@browsergrid-local.iam.gserviceaccount.com";
  private static final String TOPIC = "events";
  private static final Object PROPERTIES = new Object();

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final Map<String, String> urls = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestOidc google;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  GcpDeployment(Path dir, Map<String, String> extra, long cleanupEveryMillis) throws Exception {
    FirestoreEmulator firestore = own(new FirestoreEmulator());
    PubSubEmulator pubsub = own(new PubSubEmulator());
    google = own(new TestOidc());
    for (String function : List.of("api", "agentEvents", "cleanup", "deliverWebhooks")) {
      urls.put(function, "http://127.0.0.1:" + freePort());
    }
    InProcessAgents agents = own(TestAgents.inProcess(URI.create(urls.get("agentEvents")), dir.resolve("browsers")));
    FakeCloudRun run = own(new FakeCloudRun(agents));

    Map<String, String> env = new LinkedHashMap<>();
    env.put("BROWSERGRID_GCP_PROJECT", PROJECT);
    env.put("BROWSERGRID_PUBSUB_TOPIC", TOPIC);
    env.put("FIRESTORE_EMULATOR_HOST", firestore.host());
    env.put("PUBSUB_EMULATOR_HOST", pubsub.host());
    env.put("BROWSERGRID_PUBLIC_URL", urls.get("api"));
    env.put("BROWSERGRID_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'g'));
    env.put("BROWSERGRID_API_KEY", KEY);
    env.put("BROWSERGRID_PROVIDER", "cloudrun");
    env.put("BROWSERGRID_CLOUD_RUN_ENDPOINT", run.endpoint());
    env.put("BROWSERGRID_CLOUD_RUN_REGION", "europe-west1");
    env.put("BROWSERGRID_CLOUD_RUN_IMAGE", "europe-west1-docker.pkg.dev/browsergrid-local/browsergrid/agent:1");
    env.put("BROWSERGRID_CLOUD_RUN_SERVICE_ACCOUNT", "browsers@browsergrid-local.iam.gserviceaccount.com");
    env.put("BROWSERGRID_AGENT_CALLBACK_URL", urls.get("agentEvents"));
    env.put("BROWSERGRID_OIDC_CERTS_URL", google.certificatesUrl());
    env.putAll(extra);

    try (TopicAdminClient topics = pubsub.topics(); SubscriptionAdminClient subscriptions = pubsub.subscriptions()) {
      topics.createTopic(TopicName.of(PROJECT, TOPIC));
      subscriptions.createSubscription(Subscription.newBuilder()
          .setName("projects/" + PROJECT + "/subscriptions/deliveries").setTopic(TopicName.of(PROJECT, TOPIC).toString())
          .setAckDeadlineSeconds(30)
          .setPushConfig(PushConfig.newBuilder().setPushEndpoint(relay(urls.get("deliverWebhooks")))).build());
    }
    for (Map.Entry<String, String> function : urls.entrySet()) {
      Map<String, String> own = new LinkedHashMap<>(env);
      own.put(GcpFunction.DEFINITION, function.getKey());
      own.put("BROWSERGRID_INVOKER_AUDIENCE", function.getValue());
      own.put("BROWSERGRID_INVOKER_SERVICE_ACCOUNT", function.getKey().equals("cleanup") ? SCHEDULER : PUSHER);
      serve(function.getKey(), URI.create(function.getValue()).getPort(), own);
    }
    if (cleanupEveryMillis > 0) {
      scheduler.scheduleWithFixedDelay(this::scheduledCleanup, cleanupEveryMillis, cleanupEveryMillis,
          TimeUnit.MILLISECONDS);
    }
  }

  /** The base URL of {@code function}. */
  URI url(String function) {
    return URI.create(urls.get(function));
  }

  /** {@code Bearer <token>} of {@code account} calling {@code function}. */
  String bearer(String function, String account) {
    return google.bearer(urls.get(function), account);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        System.err.println("closing " + opened.get(i) + ": " + e);
      }
    }
  }

  private void serve(String function, int port, Map<String, String> env) throws Exception {
    Invoker invoker = new Invoker(port, GcpFunction.class.getName(), "http", GcpDeployment.class.getClassLoader());
    // the invoker makes the function while it starts: its "environment" must be in place until then
    synchronized (PROPERTIES) {
      env.forEach(System::setProperty);
      try {
        invoker.startTestServer();
      } finally {
        env.keySet().forEach(System::clearProperty);
      }
    }
    opened.add(invoker::stopServer);
  }

  /** A loopback endpoint that hands each push on to {@code target} with the push account's token, as Pub/Sub does. */
  private String relay(String target) throws IOException {
    HttpServer relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(target))
            .header("Authorization", google.bearer(target, PUSHER))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        exchange.sendResponseHeaders(answer.statusCode(), -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(503, -1);
      }
    });
    relay.start();
    opened.add(() -> relay.stop(0));
    return "http://127.0.0.1:" + relay.getAddress().getPort() + "/push";
  }

  private void scheduledCleanup() {
    try {
      http.send(HttpRequest.newBuilder(url("cleanup")).header("Authorization", bearer("cleanup", SCHEDULER))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      System.err.println("scheduled cleanup: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T extends AutoCloseable> T own(T resource) {
    opened.add(resource);
    return resource;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
