package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The {@code deliverWebhooks} function fed as Lambda's SQS event source feeds it: the messages the {@code api}
 * function's events put on the queue (ElasticMQ) come back from it as an SQS event, the function posts the signed
 * webhook to a receiver on loopback, and a message that fails is named in {@code batchItemFailures}, so it alone
 * stays on the queue and is handed out again.
 */
@ExtendWith(LambdaEnvironment.Extension.class)
class DeliverWebhooksFunctionIT {

  @Test
  void queuedEventsReachTheReceiverAndAFailingMessageComesBackForARetry(LambdaEnvironment env) throws Exception {
    try (WebhookCatcher receiver = new WebhookCatcher()) {
      HttpEvents.Reply hook = api(env, "POST", "/v1/webhooks",
          "{\"url\":\"" + receiver.url() + "\",\"events\":[\"session.created\"]}");
      assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
      HttpEvents.Reply created = api(env, "POST", "/v1/sessions", "{}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      String sessionId = created.json().get("id").asText();
      String poisonId = env.sqs().sendMessage(b -> b.queueUrl(env.queueUrl()).messageBody("not an event ref"))
          .messageId();
      try {
        List<Message> messages = receiveUntilEmpty(env);
        assertThat(messages).extracting(Message::messageId).contains(poisonId);

        JsonNode response = HttpEvents.reply(env.invoke("deliverWebhooks", sqsEvent(messages))).raw();

        assertThat(response.get("batchItemFailures")).extracting(f -> f.get("itemIdentifier").asText())
            .containsExactly(poisonId);
        assertThat(receiver.received()).anySatisfy(r -> {
          assertThat(r.body()).contains("\"type\":\"session.created\"").contains(sessionId);
          assertThat(r.webhookId()).isNotBlank();
          assertThat(r.signature()).startsWith("v1,");
        });
        // what the event source mapping does with a partial batch response: delete the rest, keep the failure
        messages.stream().filter(m -> !m.messageId().equals(poisonId)).forEach(m -> env.sqs()
            .deleteMessage(b -> b.queueUrl(env.queueUrl()).receiptHandle(m.receiptHandle())));
        List<Message> again = receiveUntilEmpty(env);
        assertThat(again).filteredOn(m -> m.messageId().equals(poisonId)).singleElement()
            .satisfies(m -> assertThat(Integer.parseInt(
                m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))).isGreaterThan(1));
        again.forEach(m -> env.sqs().deleteMessage(b -> b.queueUrl(env.queueUrl()).receiptHandle(m.receiptHandle())));
      } finally {
        api(env, "DELETE", "/v1/sessions/" + sessionId, null);
      }
    }
  }

  /**
   * Long-polls until a receive brings nothing new. Each message is then invisible for a few seconds, as it would be
   * while a Lambda invocation handles it, and visible again afterwards unless deleted.
   */
  private static List<Message> receiveUntilEmpty(LambdaEnvironment env) {
    Map<String, Message> messages = new LinkedHashMap<>();
    while (true) {
      List<Message> batch = env.sqs().receiveMessage(b -> b.queueUrl(env.queueUrl()).maxNumberOfMessages(10)
          .waitTimeSeconds(messages.isEmpty() ? 10 : 1).visibilityTimeout(3)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      boolean news = false;
      for (Message message : batch) {
        news |= messages.putIfAbsent(message.messageId(), message) == null;
      }
      if (!news) {
        return new ArrayList<>(messages.values());
      }
    }
  }

  /** The {@code sqs-event.json} fixture with one record per message, shaped as Lambda's SQS event source sends it. */
  private static byte[] sqsEvent(List<Message> messages) {
    ObjectNode event = (ObjectNode) HttpEvents.read("sqs-event.json");
    ObjectNode template = (ObjectNode) event.get("Records").get(0);
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = template.deepCopy();
      record.put("messageId", message.messageId()).put("receiptHandle", message.receiptHandle())
          .put("body", message.body()).put("md5OfBody", message.md5OfBody())
          .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:browsergrid-events").put("awsRegion", "us-east-1");
      ObjectNode attributes = record.putObject("attributes");
      message.attributesAsStrings().forEach(attributes::put);
      records.add(record);
    }
    return HttpEvents.bytes(event);
  }

  private static HttpEvents.Reply api(LambdaEnvironment env, String method, String target, String body) {
    return HttpEvents.reply(env.invoke("api", HttpEvents.request(method, target, body)));
  }
}
