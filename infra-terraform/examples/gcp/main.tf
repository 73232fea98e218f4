# BrowserGrid in one project: copy this folder, set project and browser_image, terraform init && apply.
data "google_project" "this" {
  project_id = var.project
}

# Fresh keys on every run, never stored: the module writes them write-only, taken only when keys_version changes,
# so later runs' fresh keys replace nothing.
ephemeral "random_password" "operator_key" {
  length  = 40
  special = false
}

ephemeral "random_password" "secret_key" {
  # 64 letters and digits are valid base64 of 48 bytes
  length  = 64
  special = false
}

module "browsergrid" {
  source = "../../modules/gcp"

  project          = var.project
  project_number   = data.google_project.this.number
  region           = var.region
  function_package = var.function_package
  browser_image    = var.browser_image
  operator_key     = var.operator_key != null ? var.operator_key : "bg_${ephemeral.random_password.operator_key.result}"
  secret_key       = var.secret_key != null ? var.secret_key : ephemeral.random_password.secret_key.result
}
