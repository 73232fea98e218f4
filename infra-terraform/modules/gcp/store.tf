resource "google_firestore_database" "store" {
  project                           = var.project
  name                              = var.name
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"

  depends_on = [google_project_service.apis]
}

# every item is a document of an "items" subcollection; Firestore deletes it once its expiresAt has passed
resource "google_firestore_field" "expiry" {
  project    = var.project
  database   = google_firestore_database.store.name
  collection = "items"
  field      = "expiresAt"

  ttl_config {}

  index_config {}
}
