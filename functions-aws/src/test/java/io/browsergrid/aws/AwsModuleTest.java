package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The Terraform module against the code, read as files: each action it grants for the code has its call in the code
 * (the reverse, every call granted, is {@link GrantedCalls} in every test), and nothing in it bills by the hour.
 */
class AwsModuleTest {
  private static final Path MODULE = Path.of("../infra-terraform/modules/aws");
  // where the code makes each call permissions.json grants it
  private static final Map<String, String> CALL_SITES = Map.ofEntries(
      Map.entry("dynamodb:GetItem", "table.getItem("),
      Map.entry("dynamodb:PutItem", "table.putItem("),
      Map.entry("dynamodb:DeleteItem", "table.deleteItem("),
      Map.entry("dynamodb:Query", "table.query("),
      Map.entry("sqs:SendMessage", "sqs.sendMessage("),
      Map.entry("ssm:GetParameters", "ssm.getParameters("),
      Map.entry("ecs:RunTask", "ecs.runTask("),
      Map.entry("ecs:TagResource", ".tags(tags(spec))"),
      Map.entry("iam:PassRole", ".taskDefinition(settings.taskDefinition())"),
      Map.entry("ecs:DescribeTasks", "ecs.describeTasks("),
      Map.entry("ecs:StopTask", "ecs.stopTask("),
      Map.entry("ecs:ListTasks", "ecs.listTasks("),
      Map.entry("ec2:DescribeNetworkInterfaces", "ec2.describeNetworkInterfaces("));
  // billed for every hour they exist, used or not
  private static final Set<String> HOURLY = Set.of("aws_nat_gateway", "aws_lb", "aws_alb", "aws_elb", "aws_instance",
      "aws_ecs_service", "aws_eip", "aws_vpc_endpoint", "aws_db_instance", "aws_rds_cluster", "aws_elasticache_cluster",
      "aws_autoscaling_group", "aws_apprunner_service", "aws_ec2_transit_gateway", "aws_msk_cluster",
      "aws_lambda_provisioned_concurrency_config", "aws_opensearch_domain", "aws_ecs_capacity_provider",
      "aws_globalaccelerator_accelerator", "aws_networkfirewall_firewall", "aws_vpn_connection");

  @Test
  void everyActionGrantedForTheCodeHasItsCallInTheCode() {
    JsonNode permissions = GrantedCalls.permissions();
    String code = mainSources();
    Set<String> granted = new TreeSet<>();
    permissions.path("calledByTheCode").forEach(statement -> statement.forEach(a -> granted.add(a.asText())));

    assertThat(CALL_SITES.keySet()).as("actions with a known call site").containsAll(granted);
    granted.forEach(action -> assertThat(code).as("the call behind " + action).contains(CALL_SITES.get(action)));
  }

  @Test
  void nothingInTheModuleBillsByTheHour() {
    Set<String> types = new TreeSet<>();
    Matcher resource = Pattern.compile("(?m)^\\s*resource\\s+\"([a-z0-9_]+)\"").matcher(moduleSources());
    while (resource.find()) {
      types.add(resource.group(1));
    }
    assertThat(types).contains("aws_lambda_function", "aws_dynamodb_table", "aws_ecs_task_definition")
        .doesNotContainAnyElementsOf(HOURLY);
  }

  @Test
  void aTransactionNeedsTheActionOfEachKindOfItemAndARunTaskItsTagsAndRole() {
    TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder().transactItems(
        TransactWriteItem.builder().put(Put.builder().tableName("t").build()).build(),
        TransactWriteItem.builder().delete(Delete.builder().tableName("t").build()).build()).build();
    RunTaskRequest run = RunTaskRequest.builder().tags(Tag.builder().key("k").value("v").build()).build();

    assertThat(GrantedCalls.actions("dynamodb", "TransactWriteItems", transaction))
        .containsExactly("dynamodb:PutItem", "dynamodb:DeleteItem");
    assertThat(GrantedCalls.actions("ecs", "RunTask", run))
        .containsExactly("ecs:RunTask", "ecs:TagResource", "iam:PassRole");
    assertThat(GrantedCalls.granted()).contains("dynamodb:PutItem", "ecs:TagResource", "iam:PassRole")
        .doesNotContainAnyElementsOf(GrantedCalls.SET_UP);
  }

  private static String mainSources() {
    return read(Path.of("src/main/java"), ".java");
  }

  private static String moduleSources() {
    return read(MODULE, ".tf");
  }

  private static String read(Path root, String suffix) {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> matching = files.filter(f -> f.toString().endsWith(suffix))
          .filter(f -> !f.toString().contains(".terraform")).toList();
      return matching.stream().map(AwsModuleTest::text).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
