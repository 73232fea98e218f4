terraform {
  # write-only secret values (secret_data_wo) need Terraform 1.11
  required_version = ">= 1.11"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.23, < 8.0"
    }
  }
}
