# Webhook events: the outbox puts each event's reference here, deliverWebhooks takes them in batches and reports the
# records it could not finish (ReportBatchItemFailures); a record received webhook_max_receives times moves to the
# dead-letter queue instead of blocking others.
resource "aws_sqs_queue" "events" {
  name = "${var.name}-events"
  # AWS's advice for a Lambda event source: at least six times the function's timeout
  visibility_timeout_seconds = 6 * local.deliver_timeout_seconds
  message_retention_seconds  = 345600
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.events_dead.arn
    maxReceiveCount     = var.webhook_max_receives
  })

  tags = var.tags
}

resource "aws_sqs_queue" "events_dead" {
  name                      = "${var.name}-events-dead"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "events_dead" {
  queue_url = aws_sqs_queue.events_dead.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.events.arn]
  })
}
