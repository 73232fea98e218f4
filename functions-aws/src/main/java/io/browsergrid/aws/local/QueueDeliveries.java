package io.browsergrid.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source, locally: long-polls the events queue, hands each batch to {@code deliverWebhooks} as
 * the SQS event JSON, and deletes the messages the answer's {@code batchItemFailures} does not name; those come back
 * once their visibility timeout ends, as with {@code ReportBatchItemFailures} in the cloud. A failed invocation
 * deletes nothing.
 */
final class QueueDeliveries implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VISIBILITY_SECONDS = 30;

  private final SqsClient sqs;
  private final String queueUrl;
  private final BiFunction<String, byte[], byte[]> invoke;
  private final Thread poller = new Thread(this::run, "local-sqs-event-source");
  private volatile boolean running = true;

  QueueDeliveries(SqsClient sqs, String queueUrl, BiFunction<String, byte[], byte[]> invoke) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.invoke = invoke;
    poller.setDaemon(true);
  }

  QueueDeliveries start() {
    poller.start();
    return this;
  }

  private void run() {
    while (running) {
      try {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
            .waitTimeSeconds(1).visibilityTimeout(VISIBILITY_SECONDS)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (!batch.isEmpty()) {
          deliver(batch);
        }
      } catch (RuntimeException e) {
        if (running) {
          System.err.println("local SQS event source: " + e.getMessage());
        }
      }
    }
  }

  private void deliver(List<Message> batch) {
    JsonNode answer;
    try {
      answer = JSON.readTree(invoke.apply("deliverWebhooks", event(queueUrl, batch)));
    } catch (IOException | RuntimeException e) {
      System.err.println("deliverWebhooks failed; the batch comes back after its visibility timeout: " + e);
      return;
    }
    Set<String> failed = new HashSet<>();
    answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
    batch.stream().filter(m -> !failed.contains(m.messageId()))
        .forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
  }

  /** The SQS event Lambda's event source sends for {@code messages} of the queue at {@code queueUrl}. */
  static byte[] event(String queueUrl, List<Message> messages) {
    String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = records.addObject().put("messageId", message.messageId())
          .put("receiptHandle", message.receiptHandle()).put("body", message.body())
          .put("md5OfBody", message.md5OfBody()).put("eventSource", "aws:sqs")
          .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:" + queueName).put("awsRegion", "us-east-1");
      ObjectNode attributes = record.putObject("attributes");
      message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
      record.putObject("messageAttributes");
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(5_000);
  }
}
