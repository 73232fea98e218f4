terraform {
  required_version = ">= 1.11"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.23, < 8.0"
    }
    random = {
      source = "hashicorp/random"
      # ephemeral random_password
      version = ">= 3.7"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}
