package io.browsergrid.secret.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that answers as SSM Parameter Store does (AWS JSON 1.1, {@code AmazonSSM.GetParameters}):
 * the parameters it holds, every other name under {@code InvalidParameters}, at most ten names a call
 * ({@code ValidationException} beyond), and a scripted error when told. Records each request's names.
 */
public final class FakeSsm implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, String> parameters = new ConcurrentHashMap<>();
  private final List<List<String>> calls = new CopyOnWriteArrayList<>();
  private final List<Boolean> decrypted = new CopyOnWriteArrayList<>();
  private volatile String failWith;

  public FakeSsm() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Where the SDK should send its SSM calls ({@code AWS_ENDPOINT_URL_SSM}). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Holds a SecureString parameter {@code name} with {@code value}. */
  public FakeSsm put(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  /** Answers every later call with HTTP 400 and the error {@code type} (e.g. {@code AccessDeniedException}). */
  public FakeSsm failWith(String type) {
    failWith = type;
    return this;
  }

  /** The names of each {@code GetParameters} call so far, in order. */
  public List<List<String>> calls() {
    return List.copyOf(calls);
  }

  /** Whether each call asked for decryption. */
  public List<Boolean> decrypted() {
    return List.copyOf(decrypted);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      List<String> names = JSON.convertValue(request.path("Names"), JSON.getTypeFactory()
          .constructCollectionType(List.class, String.class));
      ObjectNode answer = JSON.createObjectNode();
      int status = 200;
      if (!"AmazonSSM.GetParameters".equals(target)) {
        status = 400;
        answer.put("__type", "UnknownOperationException").put("message", "not served here: " + target);
      } else if (failWith != null) {
        status = 400;
        answer.put("__type", failWith).put("message", "refused by the test");
      } else if (names.isEmpty() || names.size() > 10) {
        status = 400;
        answer.put("__type", "ValidationException").put("message", "1 to 10 names: " + names.size());
      } else {
        calls.add(names);
        decrypted.add(request.path("WithDecryption").asBoolean(false));
        ArrayNode found = answer.putArray("Parameters");
        ArrayNode invalid = answer.putArray("InvalidParameters");
        for (String name : names) {
          String value = parameters.get(name);
          if (value == null) {
            invalid.add(name);
          } else {
            found.addObject().put("Name", name).put("Type", "SecureString").put("Value", value).put("Version", 1)
                .put("ARN", "arn:aws:ssm:us-east-1:000000000000:parameter" + (name.startsWith("/") ? "" : "/")
                    + name);
          }
        }
      }
      byte[] bytes = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }
}
