data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  region      = data.aws_region.current.name
  partition   = data.aws_partition.current.partition
  permissions = jsondecode(file("${path.module}/permissions.json"))

  cluster_arn = aws_ecs_cluster.browsers.arn
  # tasks of this cluster only: arn:aws:ecs:region:account:task/cluster-name/task-id
  task_arns = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task/${aws_ecs_cluster.browsers.name}/*"
  # every revision of the browser task definition
  task_definition_arns = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${aws_ecs_task_definition.browser.family}:*"
  parameter_arns = [for name in values(local.parameters) :
    "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${name}"
  ]

  # the resources of each statement of permissions.json; "*" only where the action has no resource-level permission
  function_statements = {
    Table                    = { resources = [aws_dynamodb_table.store.arn], condition = null }
    SendEvents               = { resources = [aws_sqs_queue.events.arn], condition = null }
    ReadParameters           = { resources = local.parameter_arns, condition = null }
    RunBrowserTasks          = { resources = [local.task_definition_arns], condition = { ArnEquals = { "ecs:cluster" = local.cluster_arn } } }
    TagBrowserTasks          = { resources = [local.task_arns], condition = { StringEquals = { "ecs:CreateAction" = "RunTask" } } }
    PassBrowserExecutionRole = { resources = [aws_iam_role.browser_execution.arn], condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } } }
    ManageBrowserTasks       = { resources = [local.task_arns], condition = null }
    ListBrowserTasks         = { resources = ["*"], condition = { ArnEquals = { "ecs:cluster" = local.cluster_arn } } }
    FindBrowserAddresses     = { resources = ["*"], condition = null }
    ReceiveEvents            = { resources = [aws_sqs_queue.events.arn], condition = null }
    WriteLogs                = { resources = [for group in aws_cloudwatch_log_group.functions : "${group.arn}:*"], condition = null }
  }
  function_actions = merge(local.permissions.calledByTheCode, local.permissions.calledByLambda)

  # ECR repository of the browser image, when it is in ECR (account.dkr.ecr.region.amazonaws.com/repository:tag)
  ecr_match = regex("^(?:(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+))?", var.browser_image)
  ecr_repository_arn = local.ecr_match[0] == null ? null : (
    "arn:${local.partition}:ecr:${local.ecr_match[1]}:${local.ecr_match[0]}:repository/${local.ecr_match[2]}"
  )
  execution_statements = merge(
    {
      WriteBrowserLogs = { resources = ["${aws_cloudwatch_log_group.browsers.arn}:*"] }
    },
    local.ecr_repository_arn == null ? {} : {
      PullImageToken = { resources = ["*"] }
      PullImage      = { resources = [local.ecr_repository_arn] }
    },
  )
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "functions" {
  name               = "${var.name}-functions"
  description        = "The four BrowserGrid functions: exactly the calls their code makes, on this deployment's resources"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "functions" {
  name = "browsergrid"
  role = aws_iam_role.functions.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for sid, statement in local.function_statements : merge(
      {
        Sid      = sid
        Effect   = "Allow"
        Action   = local.function_actions[sid]
        Resource = statement.resources
      },
      statement.condition == null ? {} : { Condition = statement.condition },
    )]
  })
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# ECS pulls the image and ships the logs with it; it is no task role, so nothing in the task can use it
resource "aws_iam_role" "browser_execution" {
  name               = "${var.name}-browser-execution"
  description        = "ECS pulls the BrowserGrid browser image and writes its logs"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "browser_execution" {
  name = "browsergrid"
  role = aws_iam_role.browser_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for sid, statement in local.execution_statements : {
      Sid      = sid
      Effect   = "Allow"
      Action   = local.permissions.calledByEcs[sid]
      Resource = statement.resources
    }]
  })
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-scheduler"
  description        = "EventBridge Scheduler invokes the BrowserGrid cleanup function"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "scheduler" {
  name = "invoke-cleanup"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "InvokeCleanup"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = [aws_lambda_function.functions["cleanup"].arn]
    }]
  })
}
