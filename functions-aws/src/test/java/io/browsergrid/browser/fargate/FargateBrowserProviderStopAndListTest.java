package io.browsergrid.browser.fargate;

import static io.browsergrid.browser.fargate.AwsAnswers.tagged;
import static io.browsergrid.browser.fargate.AwsAnswers.task;
import static io.browsergrid.browser.fargate.AwsAnswers.taskArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProviderException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code stop} and {@code list}: StopTask's idempotency, ListTasks' pages and DescribeTasks' batches. */
class FargateBrowserProviderStopAndListTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BrowserHandle HANDLE = new BrowserHandle("0123-abc", taskArn("9f8e7d6c5b4a"));

  private final FakeTime time = new FakeTime();
  private FakeAws aws;
  private FargateBrowserProvider provider;

  @BeforeEach
  void startFakeAws() throws IOException {
    aws = new FakeAws();
    provider = new FargateBrowserProvider(aws.ecs(), aws.ec2(), FargateSettingsTest.settings(false, false), time, time);
  }

  @AfterEach
  void stopFakeAws() {
    aws.close();
  }

  @Test
  void stopSendsStopTaskWithOurReason() {
    aws.answer("StopTask", "{\"task\":" + task(HANDLE.ref(), "RUNNING", "RUNNING", null)
        .put("desiredStatus", "STOPPED") + "}");

    provider.stop(HANDLE);

    JsonNode body = aws.only("StopTask").json();
    assertThat(body.path("cluster").asText()).isEqualTo("browsers");
    assertThat(body.path("task").asText()).isEqualTo(HANDLE.ref());
    assertThat(body.path("reason").asText()).isEqualTo(FargateTaskStates.STOP_REASON);
  }

  @Test
  void stoppingATaskEcsNoLongerKnowsIsANoOp() {
    aws.fail("StopTask", 400, "InvalidParameterException", "The referenced task was not found.");

    provider.stop(HANDLE);

    assertThat(aws.requests("StopTask")).hasSize(1);
  }

  @Test
  void stoppingTwiceIsANoOp() {
    String stopped = "{\"task\":" + AwsAnswers.stopped(HANDLE.ref(), "UserInitiated", FargateTaskStates.STOP_REASON,
        null, 137) + "}";
    aws.answer("StopTask", stopped).answer("StopTask", stopped);

    provider.stop(HANDLE);
    provider.stop(HANDLE);

    assertThat(aws.requests("StopTask")).hasSize(2);
  }

  @Test
  void anotherInvalidParameterOnStopIsAProviderFailure() {
    aws.fail("StopTask", 400, "InvalidParameterException", "Cluster identifier is not valid.");

    assertThatThrownBy(() -> provider.stop(HANDLE)).isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("Cluster identifier is not valid");
  }

  @Test
  void listFollowsNextTokenAndReadsBrowserIdsFromTagsInBatchesOf100() {
    List<String> arns = IntStream.range(0, 101).mapToObj(i -> taskArn("task" + i)).toList();
    aws.answer("ListTasks", listPage(arns.subList(0, 100), "page-2"))
        .answer("ListTasks", listPage(arns.subList(100, 101), null))
        .always("DescribeTasks", request -> new FakeAws.Answer(200, describeTagged(request.json())));

    List<BrowserHandle> handles = provider.list();

    assertThat(handles).hasSize(101);
    assertThat(handles.get(0)).isEqualTo(new BrowserHandle("browser-task0", arns.get(0)));
    assertThat(handles.get(100)).isEqualTo(new BrowserHandle("browser-task100", arns.get(100)));
    List<FakeAws.Request> lists = aws.requests("ListTasks");
    assertThat(lists).hasSize(2);
    JsonNode first = lists.get(0).json();
    assertThat(first.path("cluster").asText()).isEqualTo("browsers");
    assertThat(first.path("startedBy").asText()).isEqualTo("bg-test");
    assertThat(first.path("desiredStatus").asText()).isEqualTo("RUNNING");
    assertThat(first.has("nextToken")).isFalse();
    assertThat(lists.get(1).json().path("nextToken").asText()).isEqualTo("page-2");
    List<FakeAws.Request> describes = aws.requests("DescribeTasks");
    assertThat(describes).extracting(r -> r.json().path("tasks").size()).containsExactly(100, 1);
    assertThat(describes.get(0).json().path("include").get(0).asText()).isEqualTo("TAGS");
  }

  @Test
  void aTaskWithoutABrowserIdTagIsListedUnderItsTaskIdSoReconciliationStopsIt() {
    String arn = taskArn("orphan1");
    aws.answer("ListTasks", listPage(List.of(arn), null))
        .answer("DescribeTasks", AwsAnswers.describe(tagged(task(arn, "RUNNING", "RUNNING", null), null)));

    assertThat(provider.list()).containsExactly(new BrowserHandle("orphan1", arn));
  }

  @Test
  void nothingRunningListsNothing() {
    aws.answer("ListTasks", listPage(List.of(), null));

    assertThat(provider.list()).isEmpty();
    assertThat(aws.requests("DescribeTasks")).isEmpty();
  }

  @Test
  void aThrottledPageIsRetried() {
    String arn = taskArn("t1");
    aws.fail("ListTasks", 400, "ThrottlingException", "Rate exceeded")
        .answer("ListTasks", listPage(List.of(arn), null))
        .answer("DescribeTasks", AwsAnswers.describe(tagged(task(arn, "RUNNING", "RUNNING", null), "b-1")));

    assertThat(provider.list()).containsExactly(new BrowserHandle("b-1", arn));
    assertThat(aws.requests("ListTasks")).hasSize(2);
  }

  private static String listPage(List<String> arns, String nextToken) {
    ObjectNode page = JSON.createObjectNode();
    arns.forEach(page.putArray("taskArns")::add);
    if (nextToken != null) {
      page.put("nextToken", nextToken);
    }
    return page.toString();
  }

  /** DescribeTasks' answer for the tasks asked for, each tagged with browser id {@code browser-<task id>}. */
  private static String describeTagged(JsonNode request) {
    List<ObjectNode> tasks = new ArrayList<>();
    request.path("tasks").forEach(arn -> {
      String id = arn.asText().substring(arn.asText().lastIndexOf('/') + 1);
      tasks.add(tagged(task(arn.asText(), "RUNNING", "RUNNING", null), "browser-" + id));
    });
    return AwsAnswers.describe(tasks);
  }
}
