variable "project" {
  description = "The Google Cloud project everything is made in: the functions, the database, the topic, the browsers."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project))
    error_message = "project must be a project id: 6 to 30 lower-case letters, digits and hyphens."
  }
}

variable "project_number" {
  description = "The project's number: agents are told their service's deterministic run.app URL from it."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{1,20}$", var.project_number))
    error_message = "project_number must be the project's number (digits)."
  }
}

variable "region" {
  description = "The region of the functions, the database and the browser services, e.g. europe-west1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a region such as europe-west1."
  }
}

variable "name" {
  description = "Prefix of every resource's name; also marks this deployment's browser services (label browsergrid-deployment)."
  type        = string
  default     = "browsergrid"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 16 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "function_package" {
  description = "Path of the functions' source zip scripts/deploy builds: functions-gcp/target/browsergrid-gcf.zip."
  type        = string

  validation {
    condition     = endswith(var.function_package, ".zip")
    error_message = "function_package must be the .zip that scripts/deploy builds."
  }
}

variable "browser_image" {
  description = "The browser image (container/Dockerfile) in Artifact Registry, with a tag or digest, e.g. europe-west1-docker.pkg.dev/my-project/browsergrid/browser:0.1.0."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.browser_image))
    error_message = "browser_image must be registry/repository:tag or registry/repository@sha256:digest."
  }
}

variable "browser_cpu" {
  description = "CPU of each browser's Cloud Run instance."
  type        = string
  default     = "2"

  validation {
    condition     = contains(["1", "2", "4", "6", "8"], var.browser_cpu)
    error_message = "browser_cpu must be 1, 2, 4, 6 or 8."
  }
}

variable "browser_memory" {
  description = "Memory of each browser's Cloud Run instance, e.g. 2Gi."
  type        = string
  default     = "2Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.browser_memory))
    error_message = "browser_memory must be like 2Gi or 2048Mi."
  }
}

variable "session_minutes" {
  description = "The browser services' request timeout, which bounds every session here: a WebSocket is one request (at most 60 minutes)."
  type        = number
  default     = 60

  validation {
    condition     = var.session_minutes >= 1 && var.session_minutes <= 60 && floor(var.session_minutes) == var.session_minutes
    error_message = "session_minutes must be a whole number from 1 to 60."
  }
}

variable "max_sessions" {
  description = "Live sessions the deployment holds at most (BROWSERGRID_MAX_SESSIONS); Cloud Run allows 1,000 services a region, shared with functions."
  type        = number
  default     = 100

  validation {
    condition     = var.max_sessions >= 1 && var.max_sessions <= 900
    error_message = "max_sessions must be 1 to 900 (Cloud Run's 1,000 services a region, less the functions)."
  }
}

variable "function_memory" {
  description = "Memory of each function instance."
  type        = string
  default     = "1Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi)$", var.function_memory))
    error_message = "function_memory must be like 1Gi or 512Mi."
  }
}

variable "function_max_instances" {
  description = "Instances each function may scale out to."
  type        = number
  default     = 20

  validation {
    condition     = var.function_max_instances >= 1 && var.function_max_instances <= 1000
    error_message = "function_max_instances must be 1 to 1000."
  }
}

variable "webhook_max_attempts" {
  description = "Pushes of one webhook event before Pub/Sub moves it to the dead-letter topic."
  type        = number
  default     = 10

  validation {
    condition     = var.webhook_max_attempts >= 5 && var.webhook_max_attempts <= 100
    error_message = "webhook_max_attempts must be 5 to 100 (Pub/Sub's bounds)."
  }
}

variable "operator_key" {
  description = "The operator API key (bg_ and at least 32 characters); written only, never in plan or state."
  type        = string
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = can(regex("^bg_[A-Za-z0-9_-]{32,}$", var.operator_key))
    error_message = "operator_key must be bg_ followed by at least 32 letters, digits, hyphens or underscores."
  }
}

variable "secret_key" {
  description = "The deployment secret, base64 of at least 32 random bytes; CDP tokens and webhook-secret encryption derive from it. Written only."
  type        = string
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = can(base64decode(var.secret_key)) && length(var.secret_key) >= 44
    error_message = "secret_key must be base64 of at least 32 bytes."
  }
}

variable "keys_version" {
  description = "Raise it to write new values of operator_key and secret_key (write-only values are otherwise written once)."
  type        = number
  default     = 1

  validation {
    condition     = var.keys_version >= 1 && floor(var.keys_version) == var.keys_version
    error_message = "keys_version must be a whole number from 1."
  }
}

variable "labels" {
  description = "Labels put on every resource that takes them."
  type        = map(string)
  default     = {}
}
