# The module's plan against a mocked provider (nothing is created, no credentials): the functions get every variable
# the code reads (tests/code_variables.json, which functions-aws's DeploymentVariablesTest keeps in step with the
# code), IAM grants exactly permissions.json, and nothing is billed by the hour.
mock_provider "aws" {
  # the mocked values below are known in the plan, so the assertions can read the ARNs built from them
  override_during = plan

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "eu-west-1" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = data.aws_iam_policy_document.lambda_assume
    values = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  override_data {
    target = data.aws_iam_policy_document.ecs_tasks_assume
    values = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  override_data {
    target = data.aws_iam_policy_document.scheduler_assume
    values = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_resource "aws_ecs_cluster" {
    defaults = { arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/browsergrid-browsers" }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/browsergrid" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = { arn = "arn:aws:sqs:eu-west-1:123456789012:browsergrid-events" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/browsergrid-browser-execution" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/browsergrid" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:browsergrid-cleanup" }
  }
  mock_resource "aws_lambda_function_url" {
    defaults = { function_url = "https://abc.lambda-url.eu-west-1.on.aws/" }
  }
}

variables {
  function_package = "tests/package.zip"
  browser_image    = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/browsergrid-browser:0.1.0"
  vpc_id           = "vpc-0123456789abcdef0"
  subnet_ids       = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  operator_key     = "bg_supplied-operator-key-for-the-plan"
  secret_key       = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
  # the default, java25, needs hashicorp/aws 6.20 or later; this machine's provider mirror holds 5.100, whose schema
  # refuses it even in a mocked plan
  lambda_runtime = "java21"
}

run "every_function_gets_every_variable_the_code_reads" {
  command = plan

  assert {
    condition = alltrue(flatten([for function in aws_lambda_function.functions : [
      for name in jsondecode(file("tests/code_variables.json")).functions :
      contains(keys(function.environment[0].variables), name) != contains(keys(function.environment[0].variables), "${name}_FROM")
    ]]))
    error_message = "Each function must set every variable of tests/code_variables.json's functions, either itself or as NAME_FROM (an SSM parameter), not both."
  }

  assert {
    condition = alltrue(flatten([for function in aws_lambda_function.functions : [
      for name in keys(function.environment[0].variables) :
      contains(jsondecode(file("tests/code_variables.json")).functions, name)
      || contains(jsondecode(file("tests/code_variables.json")).indirect, trimsuffix(name, "_FROM"))
      || contains(["MAIN_CLASS", "JAVA_TOOL_OPTIONS", "spring_cloud_function_definition"], name)
    ]]))
    error_message = "A function sets a variable the code does not read (a typo, or one the code no longer reads)."
  }

  assert {
    condition = alltrue([for name, function in aws_lambda_function.functions :
    function.environment[0].variables.spring_cloud_function_definition == name])
    error_message = "Each function must serve its own definition."
  }

  assert {
    condition     = toset(keys(aws_lambda_function.functions)) == toset(["api", "agentEvents", "deliverWebhooks", "cleanup"])
    error_message = "The deployment has exactly the four functions."
  }

  assert {
    condition = alltrue([for function in aws_lambda_function.functions :
      function.runtime == "java21"
      && function.handler == "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"
      && !strcontains(function.environment[0].variables.JAVA_TOOL_OPTIONS, "AOTCache")
      && strcontains(function.environment[0].variables.JAVA_TOOL_OPTIONS, "-XX:TieredStopAtLevel=1")
    ])
    error_message = "Functions run on the runtime asked for, through SCF's FunctionInvoker; java21 has no AOT cache."
  }

  assert {
    condition = alltrue([for function in aws_lambda_function.functions :
    function.environment[0].variables.BROWSERGRID_API_KEY_FROM == aws_ssm_parameter.operator_key.name])
    error_message = "The functions read the operator key from its SSM parameter."
  }
}

run "the_task_definition_environment_is_the_agent_contract" {
  command = plan

  assert {
    condition = alltrue([for variable in jsondecode(aws_ecs_task_definition.browser.container_definitions)[0].environment :
    contains(jsondecode(file("tests/code_variables.json")).agent, variable.name)])
    error_message = "The task definition sets only variables the agent reads."
  }

  assert {
    condition = alltrue([for name in ["BROWSERGRID_ACME_DIRECTORY", "BROWSERGRID_AGENT_PORT", "BROWSERGRID_NO_SANDBOX"] :
    contains([for variable in jsondecode(aws_ecs_task_definition.browser.container_definitions)[0].environment : variable.name], name)])
    error_message = "The agent obtains its certificate by ACME on the agent's port, unsandboxed (Fargate has no user namespaces)."
  }

  assert {
    condition = (strcontains(join(" ", jsondecode(aws_ecs_task_definition.browser.container_definitions)[0].healthCheck.command), "/health")
    && aws_lambda_function.functions["api"].environment[0].variables.BROWSERGRID_ECS_REQUIRE_HEALTHY == "true")
    error_message = "A browser counts as started only once its health check passes (certificate and Chromium ready)."
  }

  assert {
    condition     = aws_ecs_task_definition.browser.network_mode == "awsvpc" && aws_ecs_task_definition.browser.task_role_arn == null
    error_message = "Browser tasks run in awsvpc mode with no task role: a page finds no credentials at 169.254.170.2."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.browser.container_definitions)[0].name == aws_lambda_function.functions["api"].environment[0].variables.BROWSERGRID_ECS_CONTAINER
    error_message = "The functions override the container the task definition names."
  }

  assert {
    condition = toset([for rule in aws_vpc_security_group_ingress_rule.agent : rule.from_port]) == toset([8443]) && alltrue([
    for rule in aws_vpc_security_group_ingress_rule.agent : rule.to_port == 8443 && rule.ip_protocol == "tcp"])
    error_message = "The browsers' security group opens the agent's port to clients."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.acme.from_port == 80 && aws_vpc_security_group_ingress_rule.acme.to_port == 80
    error_message = "Port 80 is open for ACME http-01 and nothing else."
  }
}

run "iam_grants_exactly_what_permissions_json_lists" {
  command = plan

  assert {
    condition = sort(flatten([for statement in jsondecode(aws_iam_role_policy.functions.policy).Statement : statement.Action])) == sort(flatten(concat(
      values(jsondecode(file("permissions.json")).calledByTheCode),
      values(jsondecode(file("permissions.json")).calledByLambda),
    )))
    error_message = "The functions' role grants exactly the actions of permissions.json's calledByTheCode and calledByLambda."
  }

  assert {
    condition = alltrue([for statement in jsondecode(aws_iam_role_policy.functions.policy).Statement :
    alltrue([for action in statement.Action : !strcontains(action, "*")])])
    error_message = "No action is a wildcard."
  }

  assert {
    condition = alltrue([for statement in jsondecode(aws_iam_role_policy.functions.policy).Statement :
      contains(statement.Resource, "*") == contains(["ListBrowserTasks", "FindBrowserAddresses"], statement.Sid)
    ])
    error_message = "Only actions without resource-level permissions (ecs:ListTasks, limited to the cluster by condition, and ec2:DescribeNetworkInterfaces) get Resource *."
  }

  assert {
    condition = one([for statement in jsondecode(aws_iam_role_policy.functions.policy).Statement : statement
    if contains(statement.Action, "iam:PassRole")]).Resource == [aws_iam_role.browser_execution.arn]
    error_message = "iam:PassRole is granted for the browser task's execution role only."
  }

  assert {
    condition = one([for statement in jsondecode(aws_iam_role_policy.functions.policy).Statement : statement
    if statement.Sid == "RunBrowserTasks"]).Resource == ["arn:aws:ecs:eu-west-1:123456789012:task-definition/browsergrid-browser:*"]
    error_message = "RunTask is granted for the browser task definition only."
  }

  assert {
    condition = sort(flatten([for statement in jsondecode(aws_iam_role_policy.browser_execution.policy).Statement : statement.Action])) == sort(flatten(
      values(jsondecode(file("permissions.json")).calledByEcs)
    ))
    error_message = "The execution role grants exactly permissions.json's calledByEcs."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.scheduler.policy).Statement[0].Action == ["lambda:InvokeFunction"]
    error_message = "The scheduler may only invoke cleanup."
  }
}

run "webhooks_report_batch_item_failures_and_cleanup_runs_on_schedule" {
  command = plan

  assert {
    condition     = aws_lambda_event_source_mapping.events.function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "deliverWebhooks reports the records it could not finish."
  }

  assert {
    condition     = aws_scheduler_schedule.cleanup.schedule_expression == "rate(1 minute)" && aws_scheduler_schedule.cleanup.target[0].arn == aws_lambda_function.functions["cleanup"].arn
    error_message = "The schedule runs cleanup every minute by default."
  }

  assert {
    condition     = jsondecode(aws_scheduler_schedule.cleanup.target[0].input)["detail-type"] == "Scheduled Event"
    error_message = "cleanup receives a scheduled event."
  }

  assert {
    condition     = aws_sqs_queue.events.redrive_policy != null && aws_sqs_queue.events.visibility_timeout_seconds >= 6 * aws_lambda_function.functions["deliverWebhooks"].timeout
    error_message = "The events queue has a dead-letter queue and a visibility timeout of six times the function's."
  }

  assert {
    condition = (aws_dynamodb_table.store.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.store.ttl[0].attribute_name == "ttl"
    && aws_dynamodb_table.store.ttl[0].enabled && aws_dynamodb_table.store.point_in_time_recovery[0].enabled)
    error_message = "The table is on-demand, with TTL on ttl and point-in-time recovery."
  }

  assert {
    condition     = alltrue([for group in aws_cloudwatch_log_group.functions : group.retention_in_days == 14]) && aws_cloudwatch_log_group.browsers.retention_in_days == 14
    error_message = "Every log group has a retention."
  }
}

run "the_keys_are_write_only_and_sensitive" {
  command = plan

  assert {
    condition     = aws_ssm_parameter.operator_key.type == "SecureString" && aws_ssm_parameter.secret_key.type == "SecureString"
    error_message = "The keys are SecureString parameters."
  }

  assert {
    condition     = aws_ssm_parameter.operator_key.value_wo_version == 1 && aws_ssm_parameter.secret_key.value_wo_version == 1
    error_message = "The keys are write-only (value_wo, never in the plan or the state), written again only when keys_version changes."
  }
}

run "a_supplied_key_that_is_no_operator_key_is_refused" {
  command = plan

  variables {
    operator_key = "not-a-key"
  }

  expect_failures = [var.operator_key]
}

run "a_bad_image_reference_is_refused" {
  command = plan

  variables {
    browser_image = "browsergrid browser"
  }

  expect_failures = [var.browser_image]
}
