package io.browsergrid.aws.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.browsergrid.store.dynamodb.DynamoDbKeyValueStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ in this JVM, with the deployment's table and event queue made, as {@code scripts/run
 * aws}, the Lambda ITs and the cold-start bench use them. {@link #close} stops both.
 */
public final class LocalAwsEngines implements AutoCloseable {
  public static final String TABLE = "browsergrid";
  private static final String QUEUE = "browsergrid-events";

  private final DynamoDBProxyServer dynamo;
  private final URI dynamoEndpoint;
  private SQSRestServer elasticMq;
  private URI sqsEndpoint;
  private String queueUrl;

  private LocalAwsEngines(DynamoDBProxyServer dynamo, URI dynamoEndpoint) {
    this.dynamo = dynamo;
    this.dynamoEndpoint = dynamoEndpoint;
  }

  /** Starts both engines, the table in memory, and makes the table and the queue. */
  public static LocalAwsEngines start() throws Exception {
    return start(null);
  }

  /**
   * Starts both engines and makes the table (kept in {@code dynamoDir} across restarts when given, else in memory)
   * and the queue; nothing is left running when it throws.
   */
  public static LocalAwsEngines start(Path dynamoDir) throws Exception {
    int dynamoPort = freePort();
    String[] storage = dynamoDir == null ? new String[] {"-inMemory"}
        : new String[] {"-dbPath", Files.createDirectories(dynamoDir).toString()};
    List<String> args = new ArrayList<>(List.of(storage));
    args.addAll(List.of("-disableTelemetry", "-port", Integer.toString(dynamoPort)));
    DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
    dynamo.start();
    LocalAwsEngines engines = new LocalAwsEngines(dynamo, URI.create("http://127.0.0.1:" + dynamoPort));
    try {
      try (DynamoDbClient admin = DynamoDbClient.builder().endpointOverride(engines.dynamoEndpoint)
          .region(Region.US_EAST_1).credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder())
          .build()) {
        if (!admin.listTables().tableNames().contains(TABLE)) {
          DynamoDbKeyValueStore.createTable(admin, TABLE);
        }
      }
      engines.elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
      engines.sqsEndpoint = URI.create("http://127.0.0.1:"
          + engines.elasticMq.waitUntilStarted().localAddress().getPort());
      try (SqsClient sqs = engines.sqsClient()) {
        engines.queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
      }
      return engines;
    } catch (Exception | Error e) {
      engines.close();
      throw e;
    }
  }

  public URI dynamoEndpoint() {
    return dynamoEndpoint;
  }

  public URI sqsEndpoint() {
    return sqsEndpoint;
  }

  public String queueUrl() {
    return queueUrl;
  }

  /** A new DynamoDB client for DynamoDB Local; the caller closes it. */
  public DynamoDbClient dynamoClient() {
    return DynamoDbClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  /** A new SQS client for ElasticMQ; the caller closes it. */
  public SqsClient sqsClient() {
    return SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1).credentialsProvider(credentials())
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  @Override
  public void close() throws Exception {
    try {
      if (elasticMq != null) {
        elasticMq.stopAndWait();
      }
    } finally {
      dynamo.stop();
    }
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
