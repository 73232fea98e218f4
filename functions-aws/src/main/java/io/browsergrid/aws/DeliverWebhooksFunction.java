package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.browsergrid.event.EventRefJson;
import io.browsergrid.webhook.WebhookDeliverer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code deliverWebhooks} function, fed by the SQS event queue: each message names one outbox event, which the
 * core's {@link WebhookDeliverer} delivers. A message that fails (unreadable, or its delivery threw) is reported in
 * {@code batchItemFailures}, so SQS hands out only that one again (the event source mapping must enable
 * {@code ReportBatchItemFailures}); the others are deleted.
 */
public final class DeliverWebhooksFunction implements Function<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = System.getLogger(DeliverWebhooksFunction.class.getName());

  private final WebhookDeliverer deliverer;

  public DeliverWebhooksFunction(WebhookDeliverer deliverer) {
    this.deliverer = deliverer;
  }

  @Override
  public SQSBatchResponse apply(SQSEvent event) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
    for (SQSEvent.SQSMessage record : records) {
      try {
        deliverer.deliver(EventRefJson.fromBody(record.getBody()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "message " + record.getMessageId() + " failed; SQS hands it out again", e);
        failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
