output "api_url" {
  description = "The API's base URL (the api function's URL): point clients and BROWSERGRID_URL here."
  value       = trimsuffix(aws_lambda_function_url.api.function_url, "/")
}

output "operator_key_parameter" {
  description = "The SSM parameter holding the operator key (SecureString)."
  value       = aws_ssm_parameter.operator_key.name
}

output "operator_key_command" {
  description = "How to read the operator key."
  value       = "aws ssm get-parameter --with-decryption --name ${aws_ssm_parameter.operator_key.name} --query Parameter.Value --output text --region ${local.region}"
}

output "agent_events_url" {
  description = "Where browser agents post their reports (the agentEvents function's URL)."
  value       = trimsuffix(aws_lambda_function_url.agent_events.function_url, "/")
}

output "table_name" {
  description = "The DynamoDB table holding every record."
  value       = aws_dynamodb_table.store.name
}

output "events_queue_url" {
  description = "The webhook events queue."
  value       = aws_sqs_queue.events.url
}

output "dead_letter_queue_url" {
  description = "Webhook events that failed webhook_max_receives times."
  value       = aws_sqs_queue.events_dead.url
}

output "browser_cluster" {
  description = "The ECS cluster the browser tasks run in."
  value       = aws_ecs_cluster.browsers.name
}
