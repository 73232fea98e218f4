package io.browsergrid.aws.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.aws.local.LocalLambdaContext;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The warm-request measurement, run in its own process with the Lambda jar: one {@link FunctionInvoker} (the
 * {@code api} function, set up by the environment) creates a session through {@code POST /v1/sessions} with
 * {@code wait: false}, then answers {@code args[2]} warm-up and {@code args[3]} measured
 * {@code GET /v1/sessions/{id}} events against DynamoDB Local; prints {@value #MARKER} p50 and p99 in microseconds.
 * {@code args[0]} is the {@code GET /health} event file, {@code args[1]} the operator key.
 */
public final class WarmGets {
  static final String MARKER = "BENCH-WARM ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WarmGets() {}

  public static void main(String[] args) throws Exception {
    ObjectNode template = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of(args[0])));
    String apiKey = args[1];
    int warmup = Integer.parseInt(args[2]);
    int calls = Integer.parseInt(args[3]);
    RequestStreamHandler invoker = new FunctionInvoker();

    JsonNode created = call(invoker, event(template, "POST", "/v1/sessions", "{\"wait\":false}", apiKey));
    int createdStatus = created.get("statusCode").asInt();
    if (createdStatus / 100 != 2) {
      throw new IllegalStateException("POST /v1/sessions answered " + created);
    }
    String id = JSON.readTree(created.get("body").asText()).get("id").asText();
    byte[] get = event(template, "GET", "/v1/sessions/" + id, null, apiKey);
    JsonNode first = call(invoker, get);
    if (first.get("statusCode").asInt() != 200) {
      throw new IllegalStateException("GET /v1/sessions/" + id + " answered " + first);
    }
    String status = JSON.readTree(first.get("body").asText()).path("status").asText();
    for (int i = 0; i < warmup; i++) {
      call(invoker, get);
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      JsonNode answer = call(invoker, get);
      nanos[i] = System.nanoTime() - start;
      if (answer.get("statusCode").asInt() != 200) {
        throw new IllegalStateException("GET " + i + " answered " + answer);
      }
    }
    Arrays.sort(nanos);
    System.out.println(MARKER + percentile(nanos, 50) / 1000 + " " + percentile(nanos, 99) / 1000 + " "
        + createdStatus + " " + status);
    System.out.flush();
    System.exit(0);
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static JsonNode call(RequestStreamHandler invoker, byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    invoker.handleRequest(new ByteArrayInputStream(event), out, new LocalLambdaContext("api"));
    return JSON.readTree(out.toByteArray());
  }

  private static byte[] event(ObjectNode template, String method, String path, String body, String apiKey)
      throws IOException {
    ObjectNode event = template.deepCopy();
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
    http.put("method", method);
    http.put("path", path);
    ObjectNode headers = (ObjectNode) event.get("headers");
    headers.put("authorization", "Bearer " + apiKey);
    if (body == null) {
      event.remove("body");
    } else {
      headers.put("content-type", "application/json");
      headers.put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return JSON.writeValueAsBytes(event);
  }
}
