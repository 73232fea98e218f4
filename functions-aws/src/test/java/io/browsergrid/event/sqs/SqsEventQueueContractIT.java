package io.browsergrid.event.sqs;

import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventQueueContract;
import io.browsergrid.event.EventRef;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SQS queue keeps the port's contract on ElasticMQ, through the real SDK client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsEventQueueContractIT extends EventQueueContract {
  private SQSRestServer server;
  private SqsClient sqs;
  private String queueUrl;
  private SqsEventQueue queue;

  @BeforeAll
  void startElasticMq() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  @AfterAll
  void stopElasticMq() {
    if (sqs != null) {
      sqs.close();
    }
    if (server != null) {
      server.stopAndWait();
    }
  }

  @BeforeEach
  void newQueue() {
    queueUrl = sqs.createQueue(b -> b.queueName("contract-" + UUID.randomUUID())).queueUrl();
    queue = new SqsEventQueue(sqs, queueUrl);
  }

  @Override
  protected EventQueue queue() {
    return queue;
  }

  @Override
  protected List<EventRef> arrived(int count, Duration within) {
    List<EventRef> refs = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (refs.size() < count && System.nanoTime() < deadline) {
      List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
          .messages();
      for (Message m : batch) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        refs.add(SqsEventRefs.fromBody(m.body()));
      }
    }
    return refs;
  }
}
