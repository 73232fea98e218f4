# Every record of the deployment: one table, partition key pk and sort key sk (DynamoDbKeyValueStore), items that
# expire carry their epoch second in ttl. On-demand: nothing is billed while no request comes.
resource "aws_dynamodb_table" "store" {
  name                        = var.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  tags = var.tags
}

# The deployment's secrets and the URLs that exist only once the functions do, read by every function at init in
# one GetParameters call (BROWSERGRID_*_FROM). Standard parameters: no charge.
locals {
  parameter_prefix = "/${var.name}"
  parameters = {
    operator_key       = "${local.parameter_prefix}/operator-key"
    secret_key         = "${local.parameter_prefix}/secret-key"
    public_url         = "${local.parameter_prefix}/public-url"
    agent_callback_url = "${local.parameter_prefix}/agent-callback-url"
  }
}

resource "aws_ssm_parameter" "operator_key" {
  name             = local.parameters.operator_key
  description      = "BrowserGrid operator API key"
  type             = "SecureString"
  value_wo         = var.operator_key
  value_wo_version = var.keys_version
  tags             = var.tags
}

resource "aws_ssm_parameter" "secret_key" {
  name             = local.parameters.secret_key
  description      = "BrowserGrid deployment secret (base64)"
  type             = "SecureString"
  value_wo         = var.secret_key
  value_wo_version = var.keys_version
  tags             = var.tags
}

resource "aws_ssm_parameter" "public_url" {
  name        = local.parameters.public_url
  description = "BrowserGrid API base URL"
  type        = "String"
  value       = trimsuffix(aws_lambda_function_url.api.function_url, "/")
  tags        = var.tags
}

resource "aws_ssm_parameter" "agent_callback_url" {
  name        = local.parameters.agent_callback_url
  description = "Where browser agents post their signed reports (the agentEvents function)"
  type        = "String"
  value       = trimsuffix(aws_lambda_function_url.agent_events.function_url, "/")
  tags        = var.tags
}
