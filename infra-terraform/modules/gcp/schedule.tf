resource "google_cloud_scheduler_job" "cleanup" {
  name             = "${var.name}-cleanup"
  region           = var.region
  description      = "One BrowserGrid cleanup pass a minute: timeouts, idle ends, orphans, warm pools."
  schedule         = "* * * * *"
  time_zone        = "Etc/UTC"
  attempt_deadline = "120s"

  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = local.function_urls.cleanup
    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = local.function_urls.cleanup
    }
  }

  depends_on = [google_project_service.apis]
}
