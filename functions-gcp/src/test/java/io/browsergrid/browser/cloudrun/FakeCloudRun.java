package io.browsergrid.browser.cloudrun;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.ServicesSettings;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.browsergrid.browser.AgentEnvironment;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that answers as the Run Admin API v2 does over REST: {@code CreateService} (a long-running
 * operation; {@code ALREADY_EXISTS} for a taken id), {@code GetService}, {@code DeleteService}, {@code ListServices}
 * (paged by {@code pageToken}) and {@code GetOperation}, errors as Google's JSON error with its {@code status}. Each
 * created service reconciles for a scripted number of reads, then becomes ready at a URL, or fails when its image is
 * {@link #MISSING_IMAGE}. With a {@code browsers} provider (real agents with real Chromium), each service runs one
 * of its browsers, made from the container's environment as Cloud Run would start the image, and the service's URL
 * is that agent's. The real {@link ServicesClient} talks to it with GAX's own retries off.
 */
public final class FakeCloudRun implements AutoCloseable {
  /** An image no registry has: services made from it fail as Cloud Run fails them. */
  public static final String MISSING_IMAGE = "europe-docker.pkg.dev/none/none/missing:1";
  private static final Pattern SERVICES = Pattern.compile("/v2/(projects/[^/]+/locations/[^/]+)/services");
  private static final Pattern SERVICE = Pattern.compile("/v2/(projects/[^/]+/locations/[^/]+/services/[^/]+)");
  private static final Pattern OPERATION = Pattern.compile("/v2/(projects/[^/]+/locations/[^/]+/operations/[^/]+)");

  /** One request: its method, the path and query as sent, and the JSON body. */
  public record Request(String method, String path, Map<String, String> query, String body) {}

  private record Hosted(Service service, BrowserHandle browser, int readsUntilReady) {}

  private final HttpServer server;
  private final BrowserProvider browsers;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Hosted> services = new ConcurrentHashMap<>();
  private final Map<String, Deque<int[]>> failures = new ConcurrentHashMap<>();
  private final Map<String, String> failureStatus = new ConcurrentHashMap<>();
  private final Set<String> operations = ConcurrentHashMap.newKeySet();
  private final List<ServicesClient> clients = new CopyOnWriteArrayList<>();
  private volatile int readsUntilReady;
  private volatile int pageSizeCap = Integer.MAX_VALUE;

  /** A fake whose services run no browser: ready at a made-up URL. */
  public FakeCloudRun() throws IOException {
    this(null);
  }

  /** @param browsers runs each service's browser (its agent's URL becomes the service's), or null */
  public FakeCloudRun(BrowserProvider browsers) throws IOException {
    this.browsers = browsers;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, the endpoint a client is pointed at. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * A client of this server over REST, with GAX's retries off so that every retry seen is the provider's; closed
   * with this server.
   */
  public ServicesClient client() {
    try {
      ServicesSettings.Builder settings = ServicesSettings.newHttpJsonBuilder()
          .setEndpoint(endpoint()).setCredentialsProvider(NoCredentialsProvider.create());
      settings.applyToAllUnaryMethods(method -> {
        method.setRetryableCodes(Set.of());
        return null;
      });
      ServicesClient client = ServicesClient.create(settings.build());
      clients.add(client);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** New services read as reconciling this many times before they are ready. */
  public FakeCloudRun readsUntilReady(int reads) {
    this.readsUntilReady = reads;
    return this;
  }

  /** {@code ListServices} answers at most this many per page, whatever the page size asked. */
  public FakeCloudRun pageSizeCap(int cap) {
    this.pageSizeCap = cap;
    return this;
  }

  /** The next {@code times} requests of {@code method} ({@code CreateService}, ...) fail with HTTP {@code code}. */
  public FakeCloudRun fail(String method, int times, int code, String status) {
    Deque<int[]> queue = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.add(new int[] {code});
    }
    failureStatus.put(method + code, status);
    return this;
  }

  /** Puts a service there as if something else had made it (another deployment's, or an orphan). */
  public void put(Service service) {
    services.put(service.getName(), new Hosted(ready(service, endpoint() + "/" + service.getName()), null, 0));
  }

  /** Every request so far whose method and path start match, oldest first. */
  public List<Request> requests(String method, String pathStart) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathStart)).toList();
  }

  /** The services that exist now, by name. */
  public Map<String, Service> services() {
    Map<String, Service> now = new TreeMap<>();
    services.forEach((name, hosted) -> now.put(name, hosted.service()));
    return now;
  }

  @Override
  public void close() {
    clients.forEach(ServicesClient::close);
    server.stop(0);
    if (browsers != null) {
      services.values().stream().filter(h -> h.browser() != null).forEach(h -> browsers.stop(h.browser()));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      Request request = new Request(exchange.getRequestMethod(), path, query(exchange.getRequestURI()), body);
      requests.add(request);
      String[] answer = answer(request);
      byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
      exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private String[] answer(Request request) throws InvalidProtocolBufferException {
    Matcher service = SERVICE.matcher(request.path());
    Matcher list = SERVICES.matcher(request.path());
    Matcher operation = OPERATION.matcher(request.path());
    String method;
    if (list.matches() && request.method().equals("POST")) {
      method = "CreateService";
    } else if (list.matches() && request.method().equals("GET")) {
      method = "ListServices";
    } else if (service.matches() && request.method().equals("GET")) {
      method = "GetService";
    } else if (service.matches() && request.method().equals("DELETE")) {
      method = "DeleteService";
    } else if (operation.matches() && request.method().equals("GET")) {
      method = "GetOperation";
    } else {
      return error(404, "NOT_FOUND", "no such method: " + request.method() + " " + request.path());
    }
    Deque<int[]> scripted = failures.get(method);
    int[] failure = scripted == null ? null : scripted.poll();
    if (failure != null) {
      return error(failure[0], failureStatus.get(method + failure[0]), "scripted failure of " + method);
    }
    return switch (method) {
      case "CreateService" -> create(list.group(1), request);
      case "ListServices" -> list(list.group(1), request);
      case "GetService" -> get(service.group(1));
      case "DeleteService" -> delete(service.group(1));
      default -> operations.contains(operation.group(1))
          ? ok("{\"name\":\"" + operation.group(1) + "\",\"done\":true}")
          : error(404, "NOT_FOUND", "no such operation");
    };
  }

  private String[] create(String parent, Request request) throws InvalidProtocolBufferException {
    String id = request.query().get("serviceId");
    if (id == null || !id.matches("[a-z][a-z0-9-]{0,48}")) {
      return error(400, "INVALID_ARGUMENT", "serviceId must be a valid service name: " + id);
    }
    String name = parent + "/services/" + id;
    Service.Builder sent = Service.newBuilder();
    JsonFormat.parser().merge(request.body(), sent);
    if (!sent.getName().isEmpty()) {
      return error(400, "INVALID_ARGUMENT", "service.name must be empty on create");
    }
    Service made = sent.setName(name).setUid(UUID.randomUUID().toString()).setGeneration(1).setReconciling(true)
        .setTerminalCondition(Condition.newBuilder().setType("Ready").setState(Condition.State.CONDITION_PENDING))
        .build();
    BrowserHandle browser = null;
    if (!MISSING_IMAGE.equals(made.getTemplate().getContainers(0).getImage()) && browsers != null) {
      Map<String, String> env = new LinkedHashMap<>();
      for (EnvVar var : made.getTemplate().getContainers(0).getEnvList()) {
        env.put(var.getName(), var.getValue());
      }
      browser = browsers.start(new BrowserSpec(env.get(AgentEnvironment.BROWSER_ID), BrowserOptions.DEFAULT,
          Map.of(), env.get(AgentEnvironment.SESSION_TOKEN)));
    }
    if (services.putIfAbsent(name, new Hosted(made, browser, readsUntilReady)) != null) {
      if (browser != null) {
        browsers.stop(browser);
      }
      return error(409, "ALREADY_EXISTS", "Resource '" + id + "' already exists.");
    }
    String operation = parent + "/operations/" + UUID.randomUUID();
    operations.add(operation);
    return ok("{\"name\":\"" + operation + "\",\"metadata\":{\"@type\":"
        + "\"type.googleapis.com/google.cloud.run.v2.Service\",\"name\":\"" + name + "\"},\"done\":false}");
  }

  private String[] get(String name) throws InvalidProtocolBufferException {
    Hosted hosted = services.computeIfPresent(name, (n, h) -> advanced(h));
    if (hosted == null) {
      return error(404, "NOT_FOUND", "Resource '" + name + "' was not found");
    }
    return ok(JsonFormat.printer().print(hosted.service()));
  }

  private Hosted advanced(Hosted hosted) {
    Service service = hosted.service();
    if (!service.getReconciling()) {
      return hosted;
    }
    if (MISSING_IMAGE.equals(service.getTemplate().getContainers(0).getImage())) {
      return new Hosted(service.toBuilder().setReconciling(false).setTerminalCondition(Condition.newBuilder()
          .setType("Ready").setState(Condition.State.CONDITION_FAILED)
          .setMessage("Image '" + MISSING_IMAGE + "' not found.")).build(), null, 0);
    }
    if (hosted.readsUntilReady() > 0) {
      return new Hosted(service, hosted.browser(), hosted.readsUntilReady() - 1);
    }
    if (hosted.browser() == null) {
      return new Hosted(ready(service, "https://" + service.getName().substring(service.getName().lastIndexOf('/') + 1)
          + "-123456789.europe-west1.run.app"), null, 0);
    }
    BrowserState state = browsers.state(hosted.browser());
    return switch (state.phase()) {
      case STARTING -> hosted;
      case RUNNING -> new Hosted(ready(service,
          "http://" + URI.create(state.cdpEndpoint()).getRawAuthority()), hosted.browser(), 0);
      default -> new Hosted(service.toBuilder().setReconciling(false).setTerminalCondition(Condition.newBuilder()
          .setType("Ready").setState(Condition.State.CONDITION_FAILED)
          .setMessage("The user-provided container failed to start and listen on the port: " + state.detail()))
          .build(), hosted.browser(), 0);
    };
  }

  private static Service ready(Service service, String uri) {
    return service.toBuilder().setReconciling(false).setUri(uri).setLatestReadyRevision(service.getName() + "-00001")
        .setTerminalCondition(Condition.newBuilder().setType("Ready").setState(Condition.State.CONDITION_SUCCEEDED))
        .build();
  }

  private String[] delete(String name) throws InvalidProtocolBufferException {
    Hosted hosted = services.remove(name);
    if (hosted == null) {
      return error(404, "NOT_FOUND", "Resource '" + name + "' was not found");
    }
    if (hosted.browser() != null) {
      browsers.stop(hosted.browser());
    }
    String parent = name.substring(0, name.indexOf("/services/"));
    String operation = parent + "/operations/" + UUID.randomUUID();
    operations.add(operation);
    Service deleting = hosted.service().toBuilder().setDeleteTime(Timestamp.newBuilder().setSeconds(1)).build();
    return ok("{\"name\":\"" + operation + "\",\"metadata\":" + JsonFormat.printer().print(deleting)
        .replaceFirst("\\{", "{\"@type\":\"type.googleapis.com/google.cloud.run.v2.Service\",") + ",\"done\":false}");
  }

  private String[] list(String parent, Request request) throws InvalidProtocolBufferException {
    int size = Math.min(pageSizeCap, Integer.parseInt(request.query().getOrDefault("pageSize", "100")));
    int from = request.query().getOrDefault("pageToken", "").isEmpty()
        ? 0 : Integer.parseInt(request.query().get("pageToken"));
    List<Service> all = new ArrayList<>();
    services().forEach((name, service) -> {
      if (name.startsWith(parent + "/services/")) {
        all.add(service);
      }
    });
    StringBuilder json = new StringBuilder("{\"services\":[");
    for (int i = from; i < Math.min(all.size(), from + size); i++) {
      json.append(i == from ? "" : ",").append(JsonFormat.printer().print(all.get(i)));
    }
    json.append("]");
    if (from + size < all.size()) {
      json.append(",\"nextPageToken\":\"").append(from + size).append("\"");
    }
    return ok(json.append("}").toString());
  }

  private static String[] ok(String json) {
    return new String[] {"200", json};
  }

  private static String[] error(int code, String status, String message) {
    return new String[] {Integer.toString(code), "{\"error\":{\"code\":" + code + ",\"message\":\""
        + message.replace("\"", "'") + "\",\"status\":\"" + status + "\"}}"};
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }
}
