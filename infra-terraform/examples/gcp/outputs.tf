output "api_url" {
  description = "The API's base URL."
  value       = module.browsergrid.api_url
}

output "operator_key_command" {
  description = "How to read the operator key."
  value       = module.browsergrid.operator_key_command
}
