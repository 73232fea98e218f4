locals {
  # the names the code serves (SPRING_CLOUD_FUNCTION_DEFINITION) and each deployed function's own name
  functions = {
    api             = "${var.name}-api"
    agentEvents     = "${var.name}-agent-events"
    cleanup         = "${var.name}-cleanup"
    deliverWebhooks = "${var.name}-deliver-webhooks"
  }
  # 2nd-gen functions answer at this deterministic URL too, so a function's environment can name every URL
  # (its own included) without a cycle; the OIDC audiences are these same URLs
  function_urls = { for function, name in local.functions : function => "https://${var.region}-${var.project}.cloudfunctions.net/${name}" }
  invokers = {
    cleanup         = google_service_account.scheduler.email
    deliverWebhooks = google_service_account.pusher.email
  }

  environment = {
    BROWSERGRID_PUBLIC_URL                = local.function_urls.api
    BROWSERGRID_PROVIDER                  = "cloudrun"
    BROWSERGRID_MAX_SESSIONS              = tostring(var.max_sessions)
    BROWSERGRID_GCP_PROJECT               = var.project
    BROWSERGRID_GCP_PROJECT_NUMBER        = var.project_number
    BROWSERGRID_FIRESTORE_DATABASE        = google_firestore_database.store.name
    BROWSERGRID_PUBSUB_TOPIC              = google_pubsub_topic.events.name
    BROWSERGRID_CLOUD_RUN_REGION          = var.region
    BROWSERGRID_CLOUD_RUN_IMAGE           = var.browser_image
    BROWSERGRID_CLOUD_RUN_SERVICE_ACCOUNT = google_service_account.browsers.email
    BROWSERGRID_CLOUD_RUN_DEPLOYMENT      = var.name
    BROWSERGRID_CLOUD_RUN_CPU             = var.browser_cpu
    BROWSERGRID_CLOUD_RUN_MEMORY          = var.browser_memory
    BROWSERGRID_CLOUD_RUN_TIMEOUT_MINUTES = tostring(var.session_minutes)
    BROWSERGRID_AGENT_CALLBACK_URL        = local.function_urls.agentEvents
  }
}

resource "google_storage_bucket" "source" {
  name                        = "${var.project}-${var.name}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = var.labels
}

resource "google_storage_bucket_object" "package" {
  name   = "browsergrid-gcf-${filesha256(var.function_package)}.zip"
  bucket = google_storage_bucket.source.name
  source = var.function_package
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions

  name     = each.value
  location = var.region
  labels   = var.labels

  build_config {
    runtime     = "java21"
    entry_point = "io.browsergrid.gcp.GcpFunction"
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.package.name
      }
    }
  }

  service_config {
    available_memory                 = var.function_memory
    available_cpu                    = "1"
    timeout_seconds                  = each.key == "api" ? 300 : 120
    max_instance_count               = var.function_max_instances
    max_instance_request_concurrency = each.key == "api" ? 20 : 1
    ingress_settings                 = "ALLOW_ALL"
    all_traffic_on_latest_revision   = true
    service_account_email            = google_service_account.functions.email
    environment_variables = merge(local.environment, {
      SPRING_CLOUD_FUNCTION_DEFINITION    = each.key
      JAVA_TOOL_OPTIONS                   = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
      BROWSERGRID_INVOKER_AUDIENCE        = local.function_urls[each.key]
      BROWSERGRID_INVOKER_SERVICE_ACCOUNT = lookup(local.invokers, each.key, "")
    })

    secret_environment_variables {
      key        = "BROWSERGRID_API_KEY"
      project_id = var.project
      secret     = google_secret_manager_secret.operator_key.secret_id
      version    = "latest"
    }

    secret_environment_variables {
      key        = "BROWSERGRID_SECRET_KEY"
      project_id = var.project
      secret     = google_secret_manager_secret.secret_key.secret_id
      version    = "latest"
    }
  }

  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_version.operator_key,
    google_secret_manager_secret_version.secret_key,
    google_secret_manager_secret_iam_member.functions_read_operator_key,
    google_secret_manager_secret_iam_member.functions_read_secret_key,
  ]
}

# the API and the agents' callbacks are public (each request carries an API key or an agent signature);
# cleanup and deliverWebhooks may be invoked by their one caller only, which the functions check again
resource "google_cloud_run_service_iam_member" "public" {
  for_each = toset(["api", "agentEvents"])

  project  = var.project
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.invokers

  project  = var.project
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${each.value}"
}
