# BrowserGrid in the default VPC's public subnets: copy this folder, set browser_image, terraform init && apply.
data "aws_vpc" "default" {
  default = true
}

data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default.id]
  }
  filter {
    name   = "default-for-az"
    values = ["true"]
  }
}

# Fresh keys on every run, never stored: the module writes them to write-only parameters, which take a value only when
# keys_version changes, so later runs' fresh keys replace nothing.
ephemeral "aws_secretsmanager_random_password" "operator_key" {
  password_length     = 40
  exclude_punctuation = true
  include_space       = false
}

ephemeral "aws_secretsmanager_random_password" "secret_key" {
  # 64 letters and digits are valid base64 of 48 bytes
  password_length     = 64
  exclude_punctuation = true
  include_space       = false
}

module "browsergrid" {
  source = "../../modules/aws"

  function_package      = var.function_package
  browser_image         = var.browser_image
  vpc_id                = data.aws_vpc.default.id
  subnet_ids            = data.aws_subnets.default.ids
  operator_key          = var.operator_key != null ? var.operator_key : "bg_${ephemeral.aws_secretsmanager_random_password.operator_key.random_password}"
  secret_key            = var.secret_key != null ? var.secret_key : ephemeral.aws_secretsmanager_random_password.secret_key.random_password
  default_pool_min_idle = var.default_pool_min_idle
}
