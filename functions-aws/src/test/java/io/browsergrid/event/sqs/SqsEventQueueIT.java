package io.browsergrid.event.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventQueueContract;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.EventRefJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SqsEventQueue against ElasticMQ in-process, through the real SDK client: the port's contract
 * ({@link EventQueueContract}), delays rounded up and capped at SQS's 15 minutes, and a missing queue failing the
 * enqueue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsEventQueueIT extends EventQueueContract {
  private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);

  private final List<SendMessageRequest> sent = new CopyOnWriteArrayList<>();
  private SQSRestServer server;
  private SqsClient sqs;
  private String queueUrl;
  private SqsEventQueue queue;

  @BeforeAll
  void startElasticMq() {
    long started = System.nanoTime();
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    System.out.printf("ElasticMQ started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    sqs = SqsClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(o -> o.addExecutionInterceptor(new SendRecorder()))
        .build();
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
    sent.clear();
    queueUrl = sqs.createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
    queue = new SqsEventQueue(sqs, queueUrl);
  }

  @Test
  void refsQueuedWithoutDelayArriveAndParseBack() {
    List<EventRef> refs = List.of(new EventRef("t1", "e1"), new EventRef("t1", "e2"), new EventRef("t2", "e1"));

    refs.forEach(ref -> queue.enqueue(ref, Duration.ZERO));

    assertThat(receive(refs.size())).extracting(m -> EventRefJson.fromBody(m.body()))
        .containsExactlyInAnyOrderElementsOf(refs);
    assertThat(sent).extracting(SendMessageRequest::delaySeconds).containsOnly(0);
  }

  @Test
  void aDelayedRefIsHeldBackForItsDelayRoundedUp() {
    EventRef ref = new EventRef("t1", "later");

    queue.enqueue(ref, Duration.ofMillis(1_500));

    Message message = receive(1).get(0);
    assertThat(EventRefJson.fromBody(message.body())).isEqualTo(ref);
    assertThat(sent).extracting(SendMessageRequest::delaySeconds).containsExactly(2);
    long sentAt = Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
    long firstReceivedAt = Long.parseLong(
        message.attributes().get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));
    assertThat(firstReceivedAt - sentAt).as("ms between sending and the first receive").isGreaterThanOrEqualTo(2_000);
  }

  @Test
  void aDelayBeyondFifteenMinutesIsCappedAndTheMessageWaitsDelayed() {
    queue.enqueue(new EventRef("t1", "much-later"), Duration.ofHours(2));

    assertThat(sent).extracting(SendMessageRequest::delaySeconds).containsExactly(900);
    Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .attributes();
    assertThat(counts).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "1")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
  }

  @Test
  void theEngineRefusesADelayPastFifteenMinutesWhichIsWhyTheQueueCapsIt() {
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{}").delaySeconds(901)))
        .isInstanceOf(SqsException.class);
  }

  @Test
  void aMissingQueueFailsTheEnqueue() {
    SqsEventQueue missing = new SqsEventQueue(sqs, queueUrl.replaceAll("events-[^/]+$", "no-such-queue"));

    assertThatThrownBy(() -> missing.enqueue(new EventRef("t1", "e1"), Duration.ZERO)).isInstanceOf(SqsException.class);
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
        refs.add(EventRefJson.fromBody(m.body()));
      }
    }
    return refs;
  }

  /** Long-polls until {@code count} messages arrived (deleting them) or the timeout passed. */
  private List<Message> receive(int count) {
    List<Message> messages = new ArrayList<>();
    long deadline = System.nanoTime() + RECEIVE_TIMEOUT.toNanos();
    while (messages.size() < count && System.nanoTime() < deadline) {
      List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(5)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
      messages.addAll(batch);
    }
    assertThat(messages).as("messages received within " + RECEIVE_TIMEOUT).hasSize(count);
    return messages;
  }

  /** Records every SendMessage request as the SDK is about to send it. */
  private final class SendRecorder implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof SendMessageRequest request) {
        sent.add(request);
      }
    }
  }
}
