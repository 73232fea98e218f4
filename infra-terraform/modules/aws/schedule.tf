# cleanup on EventBridge Scheduler: the input has the shape of an EventBridge scheduled event (what CleanupFunction
# reads), filled with the scheduler's own context attributes. No retry: the next run repeats any pass.
resource "aws_scheduler_schedule" "cleanup" {
  name                = "${var.name}-cleanup"
  schedule_expression = var.cleanup_schedule
  state               = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.functions["cleanup"].arn
    role_arn = aws_iam_role.scheduler.arn

    input = jsonencode({
      version       = "0"
      id            = "<aws.scheduler.execution-id>"
      "detail-type" = "Scheduled Event"
      source        = "aws.scheduler"
      account       = local.account_id
      time          = "<aws.scheduler.scheduled-time>"
      region        = local.region
      resources     = ["<aws.scheduler.schedule-arn>"]
      detail        = {}
    })

    retry_policy {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 60
    }
  }
}
