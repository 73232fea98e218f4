package io.browsergrid.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.KeyValueStoreContract;
import io.browsergrid.store.Page;
import io.browsergrid.store.StoreUnavailableException;
import io.browsergrid.store.Write;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The DynamoDB store passes the contract against DynamoDB Local in-process, through the real SDK client, and keeps
 * the table shape, the TTL attribute, full pages and the error mapping it promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbKeyValueStoreIT extends KeyValueStoreContract {
  private static final String TABLE = "browsergrid";

  /** Makes the next call of the named operation look as if its answer was lost, after DynamoDB applied it. */
  private final AtomicReference<String> loseNextAnswerOf = new AtomicReference<>();
  private DynamoDBProxyServer server;
  private URI endpoint;
  private DynamoDbClient client;
  private DynamoDbKeyValueStore store;

  @BeforeAll
  void startDynamoDbLocal() throws Exception {
    long started = System.nanoTime();
    int port = freePort();
    server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    client = client(endpoint).overrideConfiguration(o -> o.addExecutionInterceptor(new AnswerLoser())).build();
    DynamoDbKeyValueStore.createTable(client, TABLE);
    store = new DynamoDbKeyValueStore(client, TABLE);
    System.out.printf("DynamoDB Local started and table created in %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  void stopDynamoDbLocal() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Override
  protected KeyValueStore store() {
    return store;
  }

  @Test
  void itemsAreStoredAsTheDocumentedTableShape() {
    String partition = "shape-" + UUID.randomUUID();
    Instant expiresAt = Instant.parse("2040-01-02T03:04:05.678Z");
    store.putIfAbsent(partition, "with-expiry", "{\"a\":1}", expiresAt).orElseThrow();
    store.putIfAbsent(partition, "without-expiry", "{}", null).orElseThrow();

    Map<String, AttributeValue> with = raw(partition, "with-expiry");
    Map<String, AttributeValue> without = raw(partition, "without-expiry");

    assertThat(with).containsEntry("pk", AttributeValue.fromS(partition))
        .containsEntry("sk", AttributeValue.fromS("with-expiry"))
        .containsEntry("version", AttributeValue.fromN("1")).containsEntry("data", AttributeValue.fromS("{\"a\":1}"))
        .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())))
        .containsEntry("ttl", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond() + 1)));
    assertThat(without).containsOnlyKeys("pk", "sk", "version", "data", "writeId");
  }

  @Test
  void createTableTurnsTimeToLiveOnForTheTtlAttribute() {
    var ttl = client.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription();

    assertThat(ttl.attributeName()).isEqualTo("ttl");
    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
  }

  @Test
  void aPageIsFilledAcrossResponsesThatDynamoDbCutAtOneMegabyte() {
    String partition = "big-" + UUID.randomUUID();
    String blob = "{\"blob\":\"" + "x".repeat(29_000) + "\"}";
    List<String> keys = IntStream.range(0, 50).mapToObj(i -> String.format("b:%02d", i)).toList();
    keys.forEach(key -> store.putIfAbsent(partition, key, blob, null).orElseThrow());
    QueryResponse oneResponse = client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition))).consistentRead(true));
    assertThat(oneResponse.count()).as("DynamoDB cuts one response short").isLessThan(keys.size());

    Page full = store.query(partition, "b:", null, 45);
    Page rest = store.query(partition, "b:", full.nextCursor(), 45);

    assertThat(full.items()).extracting(Item::key).containsExactlyElementsOf(keys.subList(0, 45));
    assertThat(full.nextCursor()).isEqualTo("b:44");
    assertThat(rest.items()).extracting(Item::key).containsExactlyElementsOf(keys.subList(45, 50));
    assertThat(rest.nextCursor()).isNull();
  }

  @Test
  void aFailedConditionNamesTheKeyItFailedOn() {
    String partition = "cond-" + UUID.randomUUID();
    store.putIfAbsent(partition, "taken", "{}", null).orElseThrow();

    assertThatThrownBy(() -> store.write(partition, List.of(Write.create("free", "{}", null),
        Write.create("taken", "{}", null))))
        .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.key()).isEqualTo("taken"));
    assertThatThrownBy(() -> store.write(partition, List.of(Write.replace("taken", 7, "{}", null))))
        .isInstanceOfSatisfying(ConditionFailedException.class, e -> assertThat(e.key()).isEqualTo("taken"));
  }

  @Test
  void aSinglePutWhoseAnswerWasLostAndRetriedStillSucceeds() {
    String partition = "lost-" + UUID.randomUUID();
    Item v1 = store.putIfAbsent(partition, "k", "{\"a\":1}", null).orElseThrow();

    loseNextAnswerOf.set("PutItem");
    Item v2 = store.compareAndSet(v1, "{\"a\":2}", null).orElseThrow();

    assertThat(loseNextAnswerOf.get()).as("an answer was lost").isNull();
    assertThat(store.get(partition, "k")).contains(v2);
  }

  @Test
  void aTransactionWhoseAnswerWasLostAndRetriedStillSucceeds() {
    String partition = "lost-" + UUID.randomUUID();
    Item a = store.putIfAbsent(partition, "a", "{\"a\":1}", null).orElseThrow();

    loseNextAnswerOf.set("TransactWriteItems");
    List<Item> written = store.write(partition, List.of(Write.replace("a", a.version(), "{\"a\":2}", null),
        Write.create("b", "{\"b\":1}", null)));

    assertThat(loseNextAnswerOf.get()).as("an answer was lost").isNull();
    assertThat(store.query(partition, "", null, 10).items()).containsExactlyElementsOf(written);
  }

  @Test
  void aMissingTableMakesTheStoreUnavailable() {
    DynamoDbKeyValueStore missing = new DynamoDbKeyValueStore(client, "no-such-table");

    assertThatThrownBy(() -> missing.get("p", "k")).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> missing.putIfAbsent("p", "k", "{}", null)).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> missing.query("p", "", null, 10)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void anUnreachableEndpointMakesTheStoreUnavailable() throws IOException {
    try (DynamoDbClient nowhere = client(URI.create("http://127.0.0.1:" + freePort()))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      DynamoDbKeyValueStore unreachable = new DynamoDbKeyValueStore(nowhere, TABLE);

      assertThatThrownBy(() -> unreachable.get("p", "k")).isInstanceOf(StoreUnavailableException.class);
      List<Write> twoWrites = List.of(Write.create("a", "{}", null), Write.create("b", "{}", null));
      assertThatThrownBy(() -> unreachable.write("p", twoWrites))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> unreachable.query("p", "", null, 10)).isInstanceOf(StoreUnavailableException.class);
    }
  }

  private Map<String, AttributeValue> raw(String partition, String key) {
    return client.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(partition), "sk", AttributeValue.fromS(key)))).item();
  }

  private static DynamoDbClientBuilder client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(ApacheHttpClient.builder());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Throws a retryable I/O error after the named operation's answer arrived, once, as a dropped connection would. */
  private final class AnswerLoser implements ExecutionInterceptor {
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (operation.equals(loseNextAnswerOf.get()) && loseNextAnswerOf.compareAndSet(operation, null)) {
        throw SdkClientException.create("answer of " + operation + " lost", new IOException("connection reset"));
      }
    }
  }
}
