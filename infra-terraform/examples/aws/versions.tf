terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # java25 Lambda functions need 6.20 or later
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region
}
