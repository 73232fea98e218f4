resource "google_pubsub_topic" "events" {
  name   = "${var.name}-events"
  labels = var.labels

  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "dead_letter" {
  name   = "${var.name}-events-dead-letter"
  labels = var.labels
}

# what Pub/Sub gave up on stays here a week, for an operator to read
resource "google_pubsub_subscription" "dead_letter" {
  name                       = "${var.name}-events-dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  message_retention_duration = "604800s"
  labels                     = var.labels
}

resource "google_pubsub_subscription" "deliveries" {
  name                 = "${var.name}-deliveries"
  topic                = google_pubsub_topic.events.id
  ack_deadline_seconds = 120
  labels               = var.labels

  push_config {
    push_endpoint = local.function_urls.deliverWebhooks
    oidc_token {
      service_account_email = google_service_account.pusher.email
      audience              = local.function_urls.deliverWebhooks
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.webhook_max_attempts
  }
}
