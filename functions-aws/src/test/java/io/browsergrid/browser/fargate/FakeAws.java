package io.browsergrid.browser.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A local HTTP server that answers as ECS (AWS JSON 1.1: the operation in {@code X-Amz-Target}, JSON bodies, errors
 * as {@code {"__type": ..., "message": ...}}) and EC2 (the query protocol: a form body, XML answers) do, from answers
 * a test scripts, and records every request. The real SDK clients talk to it, with the SDK's own retries off so that
 * every retry seen is the provider's.
 */
final class FakeAws implements AutoCloseable {
  static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request: the operation, and its JSON body (ECS) or form fields (EC2). */
  record Request(String operation, String target, JsonNode json, Map<String, String> form) {}

  /** One answer. */
  record Answer(int status, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Function<Request, Answer>>> scripted = new ConcurrentHashMap<>();
  private final Map<String, Function<Request, Answer>> standing = new ConcurrentHashMap<>();
  private final EcsClient ecs;
  private final Ec2Client ec2;

  FakeAws() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret"));
    ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  EcsClient ecs() {
    return ecs;
  }

  Ec2Client ec2() {
    return ec2;
  }

  /** Answers the next {@code operation} with HTTP 200 and {@code body}. */
  FakeAws answer(String operation, String body) {
    return answer(operation, request -> new Answer(200, body));
  }

  /** Answers the next {@code operation} with what {@code answer} makes of its request. */
  FakeAws answer(String operation, Function<Request, Answer> answer) {
    scripted.computeIfAbsent(operation, op -> new ArrayDeque<>()).add(answer);
    return this;
  }

  /** Answers the next {@code operation} with an ECS JSON error. */
  FakeAws fail(String operation, int status, String type, String message) {
    return answer(operation, request -> new Answer(status, AwsAnswers.error(type, message)));
  }

  /** Answers every {@code operation} that nothing scripted with what {@code answer} makes of its request. */
  FakeAws always(String operation, Function<Request, Answer> answer) {
    standing.put(operation, answer);
    return this;
  }

  /** Every request for {@code operation} so far, oldest first. */
  List<Request> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** The only request for {@code operation} so far. */
  Request only(String operation) {
    List<Request> matching = requests(operation);
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + operation + " request, got " + matching);
    }
    return matching.get(0);
  }

  @Override
  public void close() {
    ecs.close();
    ec2.close();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      Request request = target != null
          ? new Request(target.substring(target.indexOf('.') + 1), target, JSON.readTree(body), Map.of())
          : ec2Request(body);
      requests.add(request);
      Deque<Function<Request, Answer>> queue = scripted.get(request.operation());
      Function<Request, Answer> responder = queue == null ? null : queue.poll();
      if (responder == null) {
        responder = standing.getOrDefault(request.operation(),
            r -> new Answer(400, AwsAnswers.error("UnscriptedOperation", "no answer scripted for " + r.operation())));
      }
      Answer answer = responder.apply(request);
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type",
          target != null ? "application/x-amz-json-1.1" : "text/xml;charset=UTF-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static Request ec2Request(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return new Request(form.getOrDefault("Action", "?"), null, null, form);
  }
}
