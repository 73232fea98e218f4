package io.browsergrid.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

/**
 * Refuses, in every test of this module, an AWS SDK call that the Terraform module's IAM policy would refuse: each
 * call's IAM actions must be in {@code infra-terraform/modules/aws/permissions.json} (its {@code calledByTheCode} and
 * {@code calledByLambda} lists), so code that starts calling something new fails its tests until the module grants
 * it. Calls only tests and engine set-up make (creating the table and the queue) pass. The SDK loads this class
 * through {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test classpath, which is how
 * it reaches the clients the composition root builds.
 */
public final class GrantedCalls implements ExecutionInterceptor {
  /** Made by tests and engine set-up, never by a deployed function (Terraform creates the table and the queue). */
  static final Set<String> SET_UP = Set.of("dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:ListTables",
      "dynamodb:UpdateTimeToLive", "dynamodb:DescribeTimeToLive", "dynamodb:DeleteTable", "dynamodb:Scan", "sqs:CreateQueue", "sqs:GetQueueUrl",
      "sqs:PurgeQueue", "sqs:DeleteQueue");
  private static final Map<String, String> IAM_PREFIX = Map.of(
      "DynamoDb", "dynamodb", "Sqs", "sqs", "Ecs", "ecs", "Ec2", "ec2", "Ssm", "ssm");

  private final Set<String> granted = granted();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String prefix = IAM_PREFIX.get(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    if (prefix == null) {
      return;
    }
    for (String action : actions(prefix, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        context.request())) {
      if (!granted.contains(action) && !SET_UP.contains(action)) {
        throw new IllegalStateException(action + " is not granted by infra-terraform/modules/aws/permissions.json:"
            + " grant it there (and give it its resources in iam.tf) or stop calling it");
      }
    }
  }

  /** The IAM actions one SDK call needs. */
  static List<String> actions(String prefix, String operation, SdkRequest request) {
    List<String> actions = new ArrayList<>();
    if (request instanceof TransactWriteItemsRequest transaction) {
      // a transaction needs the action of each kind of item it writes, not one of its own
      for (TransactWriteItem item : transaction.transactItems()) {
        actions.add(item.put() != null ? "dynamodb:PutItem" : item.delete() != null ? "dynamodb:DeleteItem"
            : item.update() != null ? "dynamodb:UpdateItem" : "dynamodb:ConditionCheckItem");
      }
      return actions;
    }
    actions.add(prefix + ":" + operation);
    if (request instanceof RunTaskRequest run) {
      // ECS authorizes tags given at launch as ecs:TagResource; the task definition's execution role is passed
      if (run.hasTags() && !run.tags().isEmpty()) {
        actions.add("ecs:TagResource");
      }
      actions.add("iam:PassRole");
    }
    return actions;
  }

  /** The actions permissions.json grants the functions' role. */
  static Set<String> granted() {
    JsonNode permissions = permissions();
    Set<String> actions = new TreeSet<>();
    Stream.of("calledByTheCode", "calledByLambda").forEach(group ->
        permissions.path(group).forEach(statement -> statement.forEach(action -> actions.add(action.asText()))));
    return actions;
  }

  /** infra-terraform/modules/aws/permissions.json, from this module's folder or the repository's root. */
  static JsonNode permissions() {
    for (String root : new String[] {"..", "."}) {
      Path file = Path.of(root, "infra-terraform/modules/aws/permissions.json");
      if (Files.exists(file)) {
        try {
          return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("infra-terraform/modules/aws/permissions.json not found from "
        + Path.of("").toAbsolutePath());
  }
}
