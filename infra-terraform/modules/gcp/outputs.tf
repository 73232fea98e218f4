output "api_url" {
  description = "The API's base URL (the api function's URL): point clients and BROWSERGRID_URL here."
  value       = local.function_urls.api
}

output "agent_events_url" {
  description = "Where browser agents post their reports (the agentEvents function's URL)."
  value       = local.function_urls.agentEvents
}

output "operator_key_secret" {
  description = "The Secret Manager secret holding the operator key."
  value       = google_secret_manager_secret.operator_key.secret_id
}

output "operator_key_command" {
  description = "How to read the operator key."
  value       = "gcloud secrets versions access latest --secret=${google_secret_manager_secret.operator_key.secret_id} --project=${var.project}"
}

output "database" {
  description = "The Firestore database holding every record."
  value       = google_firestore_database.store.name
}

output "events_topic" {
  description = "The webhook events topic."
  value       = google_pubsub_topic.events.id
}

output "dead_letter_subscription" {
  description = "Where webhook events Pub/Sub gave up on wait a week."
  value       = google_pubsub_subscription.dead_letter.id
}

output "browsers_service_account" {
  description = "The browsers' service account (no roles)."
  value       = google_service_account.browsers.email
}
