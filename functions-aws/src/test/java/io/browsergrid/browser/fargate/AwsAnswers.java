package io.browsergrid.browser.fargate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Answer bodies shaped as ECS and EC2 send them, for {@link FakeAws}. */
final class AwsAnswers {
  static final String ACCOUNT = "123456789012";
  static final String PRIVATE_IP = "10.0.1.23";
  static final String ENI_ID = "eni-0a1b2c3d4e5f60718";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsAnswers() {}

  static String taskArn(String taskId) {
    return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/browsers/" + taskId;
  }

  static String error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message).toString();
  }

  /** RunTask's answer when ECS accepted the task. */
  static String runTaskStarted(String taskArn) {
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("tasks").add(task(taskArn, "PROVISIONING", "PENDING", null));
    answer.putArray("failures");
    return answer.toString();
  }

  /** RunTask's answer when ECS started nothing. */
  static String runTaskFailed(String reason, String detail) {
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("tasks");
    ObjectNode failure = answer.putArray("failures").addObject().put("reason", reason);
    if (detail != null) {
      failure.put("detail", detail);
    }
    return answer.toString();
  }

  /** DescribeTasks' answer. */
  static String describe(List<ObjectNode> tasks) {
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("tasks").addAll(tasks);
    answer.putArray("failures");
    return answer.toString();
  }

  static String describe(ObjectNode task) {
    return describe(List.of(task));
  }

  /** DescribeTasks' answer for a task ECS does not know. */
  static String missing(String taskArn) {
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("tasks");
    answer.putArray("failures").addObject().put("arn", taskArn).put("reason", "MISSING");
    return answer.toString();
  }

  /**
   * A Fargate task with its ENI attachment ({@link #ENI_ID}, {@link #PRIVATE_IP}) and one container {@code browser}.
   *
   * @param health the container's health status, or {@code null} for a task definition without a health check
   */
  static ObjectNode task(String taskArn, String lastStatus, String containerStatus, String health) {
    ObjectNode task = JSON.createObjectNode()
        .put("taskArn", taskArn)
        .put("clusterArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/browsers")
        .put("taskDefinitionArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/browsergrid-browser:7")
        .put("lastStatus", lastStatus)
        .put("desiredStatus", "RUNNING")
        .put("launchType", "FARGATE")
        .put("capacityProviderName", "FARGATE_SPOT")
        .put("startedBy", "bg-test")
        .put("createdAt", 1.8933216E9);
    ArrayNode details = task.putArray("attachments").addObject()
        .put("id", "0c6a6a1e-attachment").put("type", "ElasticNetworkInterface").put("status", "ATTACHED")
        .putArray("details");
    details.addObject().put("name", "subnetId").put("value", "subnet-aaa");
    details.addObject().put("name", "networkInterfaceId").put("value", ENI_ID);
    details.addObject().put("name", "macAddress").put("value", "0a:1b:2c:3d:4e:5f");
    details.addObject().put("name", "privateDnsName").put("value", "ip-10-0-1-23.ec2.internal");
    details.addObject().put("name", "privateIPv4Address").put("value", PRIVATE_IP);
    ObjectNode container = task.putArray("containers").addObject()
        .put("name", "browser").put("lastStatus", containerStatus).put("taskArn", taskArn)
        .put("healthStatus", health == null ? "UNKNOWN" : health);
    container.putArray("networkInterfaces").addObject().put("privateIpv4Address", PRIVATE_IP);
    return task;
  }

  /** A task that stopped with {@code stopCode} and {@code stoppedReason}, its container with {@code reason}. */
  static ObjectNode stopped(String taskArn, String stopCode, String stoppedReason, String reason, Integer exitCode) {
    ObjectNode task = task(taskArn, "STOPPED", "STOPPED", null)
        .put("desiredStatus", "STOPPED").put("stopCode", stopCode).put("stoppedReason", stoppedReason);
    ObjectNode container = (ObjectNode) task.get("containers").get(0);
    if (reason != null) {
      container.put("reason", reason);
    }
    if (exitCode != null) {
      container.put("exitCode", exitCode);
    }
    return task;
  }

  /** A task's tags, as DescribeTasks with {@code include: ["TAGS"]} adds them. */
  static ObjectNode tagged(ObjectNode task, String browserId) {
    ArrayNode tags = task.putArray("tags");
    tags.addObject().put("key", "browsergrid:deployment").put("value", "bg-test");
    if (browserId != null) {
      tags.addObject().put("key", "browsergrid:browser-id").put("value", browserId);
    }
    return task;
  }

  /** EC2 DescribeNetworkInterfaces' XML answer for one interface, with a public IP unless it is {@code null}. */
  static String networkInterface(String eniId, String publicIp) {
    String association = publicIp == null ? "" : """
              <association>
                <ipOwnerId>amazon</ipOwnerId>
                <publicDnsName>ec2-%s.compute-1.amazonaws.com</publicDnsName>
                <publicIp>%s</publicIp>
              </association>
        """.formatted(publicIp.replace('.', '-'), publicIp);
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>5d1f5d43-8f0b-4b6e-9b0e-1a2b3c4d5e6f</requestId>
          <networkInterfaceSet>
            <item>
              <networkInterfaceId>%s</networkInterfaceId>
              <subnetId>subnet-aaa</subnetId>
              <interfaceType>interface</interfaceType>
              <status>in-use</status>
              <privateIpAddress>%s</privateIpAddress>
        %s    </item>
          </networkInterfaceSet>
        </DescribeNetworkInterfacesResponse>
        """.formatted(eniId, PRIVATE_IP, association);
  }
}
