variable "region" {
  description = "The AWS region to deploy to."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.region))
    error_message = "region must be an AWS region name such as eu-west-1."
  }
}

variable "function_package" {
  description = "The Lambda zip scripts/deploy builds."
  type        = string
  default     = "../../../functions-aws/target/browsergrid-lambda.zip"
}

variable "browser_image" {
  description = "The browser image scripts/deploy pushed (registry/repository:tag)."
  type        = string
}

variable "operator_key" {
  description = "An operator key to use (bg_...); unset: one is generated at the first apply."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "secret_key" {
  description = "A deployment secret to use (base64 of at least 32 bytes); unset: one is generated at the first apply."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "default_pool_min_idle" {
  description = "Warm browsers of the default pool (each a running Fargate task): 0 costs nothing while idle."
  type        = number
  default     = 0
}
