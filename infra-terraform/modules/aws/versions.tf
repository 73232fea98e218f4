terraform {
  # write-only attributes (the keys never enter the state) need Terraform 1.11
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}
