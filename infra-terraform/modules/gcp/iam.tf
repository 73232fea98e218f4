locals {
  apis = toset([
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
  ])
  # the roles of permissions.json, the one list the code's calls were read against
  permissions  = jsondecode(file("${path.module}/permissions.json"))
  pubsub_agent = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_project_service" "apis" {
  for_each = local.apis

  project            = var.project
  service            = each.value
  disable_on_destroy = false
}

resource "google_service_account" "functions" {
  account_id   = "${var.name}-functions"
  display_name = "BrowserGrid functions"
}

resource "google_service_account" "scheduler" {
  account_id   = "${var.name}-scheduler"
  display_name = "BrowserGrid cleanup schedule (invokes cleanup only)"
}

resource "google_service_account" "pusher" {
  account_id   = "${var.name}-pusher"
  display_name = "BrowserGrid webhook pushes (invokes deliverWebhooks only)"
}

# Firestore reads and writes, browser services made and deleted (with Cloud Run's invoker check off: run.admin is the
# role that may), logs; nothing else on the project
resource "google_project_iam_member" "functions" {
  for_each = toset(local.permissions.functions_project)

  project = var.project
  role    = each.value
  member  = "serviceAccount:${google_service_account.functions.email}"
}

resource "google_pubsub_topic_iam_member" "functions_publish" {
  topic  = google_pubsub_topic.events.id
  role   = local.permissions.functions_topic
  member = "serviceAccount:${google_service_account.functions.email}"
}

# the functions may run browser services as the browsers' account, and as no other
resource "google_service_account_iam_member" "functions_act_as_browsers" {
  service_account_id = google_service_account.browsers.name
  role               = local.permissions.functions_browsers_account
  member             = "serviceAccount:${google_service_account.functions.email}"
}

resource "google_secret_manager_secret_iam_member" "functions_read_operator_key" {
  secret_id = google_secret_manager_secret.operator_key.id
  role      = local.permissions.functions_secrets
  member    = "serviceAccount:${google_service_account.functions.email}"
}

resource "google_secret_manager_secret_iam_member" "functions_read_secret_key" {
  secret_id = google_secret_manager_secret.secret_key.id
  role      = local.permissions.functions_secrets
  member    = "serviceAccount:${google_service_account.functions.email}"
}

# Pub/Sub's own agent moves what it gives up on to the dead-letter topic, and mints the push account's tokens
resource "google_pubsub_topic_iam_member" "dead_letter_publish" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = local.permissions.pubsub_agent_dead_letter_topic
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_ack" {
  subscription = google_pubsub_subscription.deliveries.id
  role         = local.permissions.pubsub_agent_subscription
  member       = local.pubsub_agent
}

resource "google_service_account_iam_member" "pubsub_tokens" {
  service_account_id = google_service_account.pusher.name
  role               = local.permissions.pubsub_agent_push_account
  member             = local.pubsub_agent
}

resource "google_secret_manager_secret" "operator_key" {
  secret_id = "${var.name}-operator-key"
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "operator_key" {
  secret                 = google_secret_manager_secret.operator_key.id
  secret_data_wo         = var.operator_key
  secret_data_wo_version = var.keys_version
}

resource "google_secret_manager_secret" "secret_key" {
  secret_id = "${var.name}-secret-key"
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "secret_key" {
  secret                 = google_secret_manager_secret.secret_key.id
  secret_data_wo         = var.secret_key
  secret_data_wo_version = var.keys_version
}
