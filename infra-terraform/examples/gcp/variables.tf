variable "project" {
  description = "The Google Cloud project to deploy into (its billing enabled)."
  type        = string
}

variable "region" {
  description = "The region of everything, e.g. europe-west1."
  type        = string
  default     = "europe-west1"
}

variable "function_package" {
  description = "The functions' source zip scripts/deploy gcp builds."
  type        = string
  default     = "../../../functions-gcp/target/browsergrid-gcf.zip"
}

variable "browser_image" {
  description = "The browser image pushed to Artifact Registry, e.g. europe-west1-docker.pkg.dev/my-project/browsergrid/browser:0.1.0."
  type        = string
}

variable "operator_key" {
  description = "An operator key of your own (bg_ and at least 32 characters); leave null to have one generated."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "secret_key" {
  description = "A deployment secret of your own (base64 of at least 32 bytes); leave null to have one generated."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}
