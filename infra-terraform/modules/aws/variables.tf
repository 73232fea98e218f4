variable "name" {
  description = "Prefix of every resource's name; also marks this deployment's browser tasks (startedBy, tags)."
  type        = string
  default     = "browsergrid"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 24 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "function_package" {
  description = "Path of the Lambda zip scripts/deploy builds (lib/browsergrid.jar, lib/browsergrid.aot): functions-aws/target/browsergrid-lambda.zip."
  type        = string

  validation {
    condition     = endswith(var.function_package, ".zip")
    error_message = "function_package must be the .zip that scripts/deploy builds."
  }
}

variable "browser_image" {
  description = "The browser image (container/Dockerfile) as a registry reference with a tag or digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/browsergrid-browser:0.1.0."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.browser_image))
    error_message = "browser_image must be registry/repository:tag or registry/repository@sha256:digest."
  }
}

variable "vpc_id" {
  description = "The VPC the browser tasks run in."
  type        = string

  validation {
    condition     = startswith(var.vpc_id, "vpc-")
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Public subnets (a route to an internet gateway) for the browser tasks: each task gets a public IP, so no NAT gateway is needed."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : startswith(id, "subnet-")])
    error_message = "subnet_ids must hold at least one subnet id (subnet-...)."
  }
}

variable "client_cidrs" {
  description = "Addresses CDP clients connect to browsers from (the agent's port); the agent checks each session's token whatever this is."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.client_cidrs) > 0 && alltrue([for cidr in var.client_cidrs : can(cidrnetmask(cidr))])
    error_message = "client_cidrs must hold IPv4 CIDR blocks such as 203.0.113.0/24."
  }
}

variable "operator_key" {
  description = "The operator API key (bg_...); the example generates one. Write-only: it never enters the Terraform state; read it back from the SSM parameter the operator_key_parameter output names."
  type        = string
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = can(regex("^bg_[A-Za-z0-9_-]{20,200}$", var.operator_key))
    error_message = "operator_key must be bg_ followed by at least 20 letters, digits, _ or -."
  }
}

variable "secret_key" {
  description = "The deployment secret, base64 of at least 32 bytes (CDP tokens and webhook-secret encryption derive from it); the example generates one. Write-only, like operator_key."
  type        = string
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = can(base64decode(var.secret_key)) && length(var.secret_key) >= 44
    error_message = "secret_key must be base64 of at least 32 bytes."
  }
}

variable "keys_version" {
  description = "Raise it to write operator_key and secret_key again (write-only values are sent only when this changes). Changing the secret key invalidates every CDP token and stored webhook secret."
  type        = number
  default     = 1

  validation {
    condition     = var.keys_version >= 1 && floor(var.keys_version) == var.keys_version
    error_message = "keys_version must be a whole number of at least 1."
  }
}

variable "max_sessions" {
  description = "Live sessions of the whole deployment at once (BROWSERGRID_MAX_SESSIONS); tenants' own limits come on top."
  type        = number
  default     = 20

  validation {
    condition     = var.max_sessions >= 1 && var.max_sessions <= 100000 && floor(var.max_sessions) == var.max_sessions
    error_message = "max_sessions must be a whole number from 1 to 100000."
  }
}

variable "max_starting" {
  description = "Browser tasks starting at once across every function instance (BROWSERGRID_MAX_STARTING); further creates wait in line."
  type        = number
  default     = 10

  validation {
    condition     = var.max_starting >= 1 && var.max_starting <= 1000 && floor(var.max_starting) == var.max_starting
    error_message = "max_starting must be a whole number from 1 to 1000."
  }
}

variable "max_queue_seconds" {
  description = "How long a create may wait in line for a start (BROWSERGRID_MAX_QUEUE_SECONDS) before it is answered 503 with Retry-After."
  type        = number
  default     = 60

  validation {
    condition     = var.max_queue_seconds >= 0 && var.max_queue_seconds <= 600
    error_message = "max_queue_seconds must be from 0 to 600."
  }
}

variable "start_timeout_seconds" {
  description = "How long a browser task may take to become ready (BROWSERGRID_START_TIMEOUT_SECONDS): image pull, Chromium, certificate."
  type        = number
  default     = 180

  validation {
    condition     = var.start_timeout_seconds >= 10 && var.start_timeout_seconds <= 900
    error_message = "start_timeout_seconds must be from 10 to 900."
  }
}

variable "default_pool_min_idle" {
  description = "Warm browsers the default pool keeps (BROWSERGRID_DEFAULT_POOL_MIN_IDLE). Each is a running Fargate task billed by the second: 0 bills nothing while idle."
  type        = number
  default     = 0

  validation {
    condition     = var.default_pool_min_idle >= 0 && var.default_pool_min_idle <= 100 && floor(var.default_pool_min_idle) == var.default_pool_min_idle
    error_message = "default_pool_min_idle must be a whole number from 0 to 100."
  }
}

variable "webhook_tenant_concurrency" {
  description = "Webhook delivery runs of one tenant at once across every deliverWebhooks instance (BROWSERGRID_WEBHOOK_TENANT_CONCURRENCY)."
  type        = number
  default     = 4

  validation {
    condition     = var.webhook_tenant_concurrency >= 1 && var.webhook_tenant_concurrency <= 1000 && floor(var.webhook_tenant_concurrency) == var.webhook_tenant_concurrency
    error_message = "webhook_tenant_concurrency must be a whole number from 1 to 1000."
  }
}

variable "metrics_require_key" {
  description = "Whether /metrics needs an operator key (BROWSERGRID_METRICS_REQUIRE_KEY)."
  type        = bool
  default     = true
}

variable "browser_capacity" {
  description = "FARGATE, or FARGATE_SPOT (cheaper; AWS may stop a task with two minutes' notice, which ends its session failed)."
  type        = string
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.browser_capacity)
    error_message = "browser_capacity must be FARGATE or FARGATE_SPOT."
  }
}

variable "browser_cpu" {
  description = "CPU units of each browser task (1024 = one vCPU)."
  type        = number
  default     = 1024

  validation {
    condition     = contains([512, 1024, 2048, 4096], var.browser_cpu)
    error_message = "browser_cpu must be 512, 1024, 2048 or 4096."
  }
}

variable "browser_memory" {
  description = "Memory of each browser task in MiB; must be a size Fargate offers for browser_cpu (512: 1024-4096, 1024: 2048-8192, 2048: 4096-16384, 4096: 8192-30720)."
  type        = number
  default     = 2048

  validation {
    condition     = var.browser_memory >= 1024 && var.browser_memory <= 30720 && var.browser_memory % 1024 == 0
    error_message = "browser_memory must be a whole number of GiB in MiB, from 1024 to 30720."
  }
}

variable "agent_port" {
  description = "The port each browser's agent serves wss:// CDP on, the only port its security group opens besides 80 for ACME http-01 challenges."
  type        = number
  default     = 8443

  validation {
    condition     = var.agent_port >= 1024 && var.agent_port <= 65535 && var.agent_port != 8080
    error_message = "agent_port must be from 1024 to 65535 (not 8080)."
  }
}

variable "acme_directory" {
  description = "The ACME directory the agents obtain their IP-address certificates from (short-lived profile)."
  type        = string
  default     = "https://acme-v02.api.letsencrypt.org/directory"

  validation {
    condition     = startswith(var.acme_directory, "https://")
    error_message = "acme_directory must be an https:// URL."
  }
}

variable "function_memory" {
  description = "Memory of each function in MiB (more memory is more vCPU: 1769 MiB is one full vCPU)."
  type        = number
  default     = 2048

  validation {
    condition     = var.function_memory >= 512 && var.function_memory <= 10240
    error_message = "function_memory must be from 512 to 10240 MiB."
  }
}

variable "api_timeout_seconds" {
  description = "How long an api invocation may run: a create waiting in line or for its browser needs max_queue_seconds plus start_timeout_seconds."
  type        = number
  default     = 300

  validation {
    condition     = var.api_timeout_seconds >= 30 && var.api_timeout_seconds <= 900
    error_message = "api_timeout_seconds must be from 30 to 900."
  }
}

variable "cleanup_schedule" {
  description = "When cleanup runs, as an EventBridge Scheduler expression: timeouts, idle ends, stuck starts, orphans, pools, the outbox."
  type        = string
  default     = "rate(1 minute)"

  validation {
    condition     = can(regex("^(rate\\(\\d+ (minute|minutes|hour|hours)\\)|cron\\(.+\\))$", var.cleanup_schedule))
    error_message = "cleanup_schedule must be rate(N minutes) or cron(...)."
  }
}

variable "webhook_max_receives" {
  description = "Times a webhook event is received before it moves to the dead-letter queue (each delivery run retries with backoff itself)."
  type        = number
  default     = 10

  validation {
    condition     = var.webhook_max_receives >= 1 && var.webhook_max_receives <= 1000
    error_message = "webhook_max_receives must be from 1 to 1000."
  }
}

variable "log_retention_days" {
  description = "Days the functions' and browsers' logs are kept."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "lambda_runtime" {
  description = "The functions' Lambda runtime: java25 (with the AOT cache; needs hashicorp/aws 6.20 or later, which knows the runtime), or java21 (no AOT cache: slower cold starts) for older providers."
  type        = string
  default     = "java25"

  validation {
    condition     = contains(["java25", "java21"], var.lambda_runtime)
    error_message = "lambda_runtime must be java25 or java21."
  }
}

variable "aot_cache" {
  description = "Start the JVM from the AOT cache in the package (lib/browsergrid.aot, trained in the Lambda java25 image by scripts/deploy). False: plain start."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Protect the table from deletion (terraform destroy then fails until it is turned off)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every resource that takes them (browser tasks carry BrowserGrid's own tags instead)."
  type        = map(string)
  default     = {}

  validation {
    condition = length(var.tags) <= 40 && alltrue([for key, value in var.tags :
    length(key) <= 128 && length(value) <= 256 && !startswith(lower(key), "aws:")])
    error_message = "tags: at most 40, keys of at most 128 characters not starting with aws:, values of at most 256."
  }
}
