# The four functions, one shaded jar: spring_cloud_function_definition picks what each serves.
locals {
  deliver_timeout_seconds = 120

  functions = {
    api = {
      description = "BrowserGrid API: every route of docs/API.md"
      timeout     = var.api_timeout_seconds
    }
    agentEvents = {
      description = "Signed reports of the browser agents: ready, activity, exited"
      timeout     = 30
    }
    deliverWebhooks = {
      description = "Signed webhook deliveries from the events queue"
      timeout     = local.deliver_timeout_seconds
    }
    cleanup = {
      description = "Timeouts, idle ends, stuck starts, orphans, warm pools, the outbox"
      timeout     = 120
    }
  }

  # -XX:AOTCache only covers classes loaded from jars: the package keeps the jar under lib/ (functions-aws/README.md)
  java_options = join(" ", concat(
    var.aot_cache && var.lambda_runtime == "java25" ? ["-XX:AOTCache=/var/task/lib/browsergrid.aot"] : [],
    ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"],
  ))

  # what the code reads (tests/code_variables.json lists it; the module's tests check both agree)
  function_environment = {
    MAIN_CLASS                             = "io.browsergrid.aws.AwsApplication"
    JAVA_TOOL_OPTIONS                      = local.java_options
    BROWSERGRID_TABLE                      = aws_dynamodb_table.store.name
    BROWSERGRID_QUEUE_URL                  = aws_sqs_queue.events.url
    BROWSERGRID_PUBLIC_URL_FROM            = local.parameters.public_url
    BROWSERGRID_API_KEY_FROM               = local.parameters.operator_key
    BROWSERGRID_SECRET_KEY_FROM            = local.parameters.secret_key
    BROWSERGRID_AGENT_CALLBACK_URL_FROM    = local.parameters.agent_callback_url
    BROWSERGRID_PROVIDER                   = "fargate"
    BROWSERGRID_MAX_SESSIONS               = tostring(var.max_sessions)
    BROWSERGRID_MAX_STARTING               = tostring(var.max_starting)
    BROWSERGRID_MAX_QUEUE_SECONDS          = tostring(var.max_queue_seconds)
    BROWSERGRID_START_TIMEOUT_SECONDS      = tostring(var.start_timeout_seconds)
    BROWSERGRID_DEFAULT_POOL_MIN_IDLE      = tostring(var.default_pool_min_idle)
    BROWSERGRID_METRICS_REQUIRE_KEY        = tostring(var.metrics_require_key)
    BROWSERGRID_WEBHOOK_ALLOW_PRIVATE      = "false"
    BROWSERGRID_WEBHOOK_TENANT_CONCURRENCY = tostring(var.webhook_tenant_concurrency)
    BROWSERGRID_ECS_CLUSTER                = aws_ecs_cluster.browsers.name
    BROWSERGRID_ECS_TASK_DEFINITION        = aws_ecs_task_definition.browser.family
    BROWSERGRID_ECS_CONTAINER              = local.browser_container
    BROWSERGRID_ECS_SUBNETS                = join(",", var.subnet_ids)
    BROWSERGRID_ECS_SECURITY_GROUPS        = aws_security_group.browsers.id
    BROWSERGRID_ECS_ASSIGN_PUBLIC_IP       = "true"
    BROWSERGRID_ECS_USE_PUBLIC_IP          = "true"
    BROWSERGRID_ECS_CAPACITY               = var.browser_capacity
    BROWSERGRID_ECS_STARTED_BY             = var.name
    BROWSERGRID_ECS_REQUIRE_HEALTHY        = "true"
    BROWSERGRID_AGENT_PORT                 = tostring(var.agent_port)
  }
}

# the package is ~65 MB, past Lambda's 50 MB direct upload: it goes through a private bucket
resource "aws_s3_bucket" "packages" {
  bucket_prefix = "${var.name}-packages-"
  force_destroy = true
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "packages" {
  bucket                  = aws_s3_bucket.packages.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_object" "package" {
  bucket      = aws_s3_bucket.packages.id
  key         = "browsergrid-lambda-${filesha256(var.function_package)}.zip"
  source      = var.function_package
  source_hash = filemd5(var.function_package)
  tags        = var.tags
}

resource "aws_cloudwatch_log_group" "functions" {
  for_each          = local.functions
  name              = "/aws/lambda/${var.name}-${each.key}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "functions" {
  for_each = local.functions

  function_name    = "${var.name}-${each.key}"
  description      = each.value.description
  role             = aws_iam_role.functions.arn
  runtime          = var.lambda_runtime
  architectures    = ["x86_64"]
  handler          = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"
  s3_bucket        = aws_s3_object.package.bucket
  s3_key           = aws_s3_object.package.key
  source_code_hash = filebase64sha256(var.function_package)
  memory_size      = var.function_memory
  timeout          = each.value.timeout

  environment {
    variables = merge(local.function_environment, { spring_cloud_function_definition = each.key })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.functions[each.key].name
  }

  tags = var.tags
}

# Public URLs: the API checks every request's key itself; agentEvents checks each report's signature
resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.functions["api"].function_name
  authorization_type = "NONE"
  invoke_mode        = "BUFFERED"
}

resource "aws_lambda_function_url" "agent_events" {
  function_name      = aws_lambda_function.functions["agentEvents"].function_name
  authorization_type = "NONE"
  invoke_mode        = "BUFFERED"
}

locals {
  public_functions = { api = "api", agent_events = "agentEvents" }
}

resource "aws_lambda_permission" "url" {
  for_each               = local.public_functions
  statement_id           = "PublicFunctionUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.functions[each.value].function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

# function URLs made since October 2025 need lambda:InvokeFunction granted as well
resource "aws_lambda_permission" "url_invoke" {
  for_each      = local.public_functions
  statement_id  = "PublicFunctionUrlInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.functions[each.value].function_name
  principal     = "*"
}

resource "aws_lambda_event_source_mapping" "events" {
  event_source_arn                   = aws_sqs_queue.events.arn
  function_name                      = aws_lambda_function.functions["deliverWebhooks"].arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 0
  function_response_types            = ["ReportBatchItemFailures"]
}
