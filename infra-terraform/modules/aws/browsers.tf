# One Fargate task per browser, started by the functions (RunTask) and stopped by them (StopTask): no service, no
# instance, no load balancer. With no session and no warm pool nothing here runs or bills.
resource "aws_ecs_cluster" "browsers" {
  name = "${var.name}-browsers"

  setting {
    # Container Insights bills per metric; the functions' own /metrics and logs cover the browsers
    name  = "containerInsights"
    value = "disabled"
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "browsers" {
  cluster_name       = aws_ecs_cluster.browsers.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}

resource "aws_cloudwatch_log_group" "browsers" {
  name              = "/ecs/${var.name}-browsers"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

locals {
  browser_container = "browser"
  # what the image cannot know; each task's own part (browser id, token, callback URL, options) comes with RunTask
  agent_environment = {
    BROWSERGRID_AGENT_PORT     = tostring(var.agent_port)
    BROWSERGRID_NO_SANDBOX     = "true"
    BROWSERGRID_ACME_DIRECTORY = var.acme_directory
    BROWSERGRID_ACME_HTTP_PORT = "80"
  }
}

resource "aws_ecs_task_definition" "browser" {
  family                   = "${var.name}-browser"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.browser_cpu)
  memory                   = tostring(var.browser_memory)
  # pulls the image and writes the logs; the task itself has no role, so a page has no credentials to borrow
  execution_role_arn = aws_iam_role.browser_execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([{
    name        = local.browser_container
    image       = var.browser_image
    essential   = true
    user        = "10001"
    stopTimeout = 30
    portMappings = [
      { containerPort = var.agent_port, protocol = "tcp" },
      { containerPort = 80, protocol = "tcp" },
    ]
    # lets the non-root agent answer ACME http-01 challenges on port 80
    systemControls = [{ namespace = "net.ipv4.ip_unprivileged_port_start", value = "80" }]
    environment    = [for name, value in local.agent_environment : { name = name, value = value }]
    # healthy once the agent has its certificate and Chromium answers (its /health, plain HTTP from loopback only):
    # the functions hand out no browser before (BROWSERGRID_ECS_REQUIRE_HEALTHY)
    healthCheck = {
      command     = ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${var.agent_port} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
      interval    = 5
      timeout     = 3
      retries     = 2
      startPeriod = 10
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.browsers.name
        awslogs-region        = local.region
        awslogs-stream-prefix = "browser"
      }
    }
  }])

  tags = var.tags
}

resource "aws_security_group" "browsers" {
  name        = "${var.name}-browsers"
  description = "BrowserGrid browser tasks: the agent's port, and port 80 for ACME http-01 challenges"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "agent" {
  for_each          = toset(var.client_cidrs)
  security_group_id = aws_security_group.browsers.id
  description       = "CDP clients (wss, token-checked by the agent)"
  ip_protocol       = "tcp"
  from_port         = var.agent_port
  to_port           = var.agent_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "acme" {
  security_group_id = aws_security_group.browsers.id
  description       = "ACME http-01 validation (the agent answers only challenge paths there)"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "pages" {
  security_group_id = aws_security_group.browsers.id
  description       = "Pages, the image registry, the ACME server, the agent's callbacks"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
