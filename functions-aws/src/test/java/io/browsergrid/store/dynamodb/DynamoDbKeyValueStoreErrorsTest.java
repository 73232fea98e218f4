package io.browsergrid.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.StoreUnavailableException;
import io.browsergrid.store.Write;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How the store maps the errors that DynamoDB Local never produces (it serialises transactions, so it reports no
 * conflicts): the real SDK client talks to a local HTTP server that answers each request with the error body
 * DynamoDB's JSON protocol uses.
 */
class DynamoDbKeyValueStoreErrorsTest {
  private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";
  private static final List<Write> TWO_WRITES =
      List.of(Write.create("first", "{}", null), Write.create("second", "{}", null));

  private final List<String> operations = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private DynamoDbClient client;
  private DynamoDbKeyValueStore store;
  private volatile int status;
  private volatile String body;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      operations.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      exchange.getRequestBody().readAllBytes();
      byte[] answer = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    client = DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    store = new DynamoDbKeyValueStore(client, "t");
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.stop(0);
  }

  @Test
  void aCancelledTransactionNamesTheWriteWhoseConditionFailed() {
    answer(400, cancelled("None", "ConditionalCheckFailed"));

    assertThatThrownBy(() -> store.write("p", TWO_WRITES))
        .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.key()).isEqualTo("second"));
    assertThat(operations).containsExactly("DynamoDB_20120810.TransactWriteItems");
  }

  @Test
  void aTransactionConflictIsARaceTheCallerRetriesAfterReading() {
    answer(400, cancelled("TransactionConflict", "None"));

    assertThatThrownBy(() -> store.write("p", TWO_WRITES))
        .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.key()).isEqualTo("first"));
  }

  @Test
  void aSinglePutOnAnItemInAnOngoingTransactionIsARace() {
    answer(400, error("TransactionConflictException", "Transaction is ongoing for the item"));

    assertThat(store.putIfAbsent("p", "k", "{}", null)).isEmpty();
    assertThat(operations).containsExactly("DynamoDB_20120810.PutItem");
  }

  @Test
  void anUnconditionalDeleteOnAnItemInAnOngoingTransactionIsUnavailableNotARace() {
    answer(400, error("TransactionConflictException", "Transaction is ongoing for the item"));

    assertThatThrownBy(() -> store.delete("p", "k")).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aTransactionCancelledForAnotherReasonMakesTheStoreUnavailable() {
    answer(400, cancelled("None", "ThrottlingError"));

    assertThatThrownBy(() -> store.write("p", TWO_WRITES)).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("ThrottlingError");
  }

  @Test
  void throttlingAndServerErrorsMakeTheStoreUnavailable() {
    answer(400, error("ProvisionedThroughputExceededException", "slow down"));
    assertThatThrownBy(() -> store.get("p", "k")).isInstanceOf(StoreUnavailableException.class);

    answer(500, error("InternalServerError", "boom"));
    assertThatThrownBy(() -> store.query("p", "", null, 10)).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.delete("p", "k")).isInstanceOf(StoreUnavailableException.class);
  }

  private void answer(int status, String body) {
    this.status = status;
    this.body = body;
  }

  private static String error(String type, String message) {
    return "{\"__type\":\"" + PREFIX + type + "\",\"message\":\"" + message + "\"}";
  }

  private static String cancelled(String... codes) {
    StringBuilder reasons = new StringBuilder();
    for (String code : codes) {
      reasons.append(reasons.isEmpty() ? "" : ",").append("{\"Code\":\"").append(code).append("\"}");
    }
    return "{\"__type\":\"" + PREFIX + "TransactionCanceledException\",\"Message\":\"Transaction cancelled,"
        + " please refer cancellation reasons for specific reasons " + List.of(codes) + "\","
        + "\"CancellationReasons\":[" + reasons + "]}";
  }
}
