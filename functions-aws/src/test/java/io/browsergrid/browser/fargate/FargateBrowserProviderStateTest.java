package io.browsergrid.browser.fargate;

import static io.browsergrid.browser.fargate.AwsAnswers.describe;
import static io.browsergrid.browser.fargate.AwsAnswers.task;
import static io.browsergrid.browser.fargate.AwsAnswers.taskArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserState.Phase;
import io.browsergrid.browser.BrowserState;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code state} and {@code awaitReady}: what DescribeTasks answers mean for a browser. */
class FargateBrowserProviderStateTest {
  private static final String ARN = taskArn("9f8e7d6c5b4a");
  private static final BrowserHandle HANDLE = new BrowserHandle("0123-abc", ARN);

  private final FakeTime time = new FakeTime();
  private FakeAws aws;

  @BeforeEach
  void startFakeAws() throws IOException {
    aws = new FakeAws();
  }

  @AfterEach
  void stopFakeAws() {
    aws.close();
  }

  @Test
  void aProvisioningTaskIsStartingAndTheRequestNamesClusterAndTask() {
    aws.answer("DescribeTasks", describe(task(ARN, "PROVISIONING", "PENDING", null)));

    assertThat(provider(false, false).state(HANDLE)).isEqualTo(BrowserState.starting());
    FakeAws.Request request = aws.only("DescribeTasks");
    assertThat(request.target()).isEqualTo("AmazonEC2ContainerServiceV20141113.DescribeTasks");
    assertThat(request.json().path("cluster").asText()).isEqualTo("browsers");
    assertThat(request.json().path("tasks").get(0).asText()).isEqualTo(ARN);
  }

  @Test
  void aRunningTaskIsRunningOnItsEniPrivateIpAndTheAgentPort() {
    aws.answer("DescribeTasks", describe(task(ARN, "RUNNING", "RUNNING", null)));

    BrowserState state = provider(false, false).state(HANDLE);

    assertThat(state.phase()).isEqualTo(Phase.RUNNING);
    assertThat(state.cdpEndpoint()).isEqualTo("wss://10.0.1.23:8443/cdp");
    assertThat(aws.requests("DescribeNetworkInterfaces")).isEmpty();
  }

  @Test
  void withUsePublicIpTheEndpointIsTheEniPublicIpFromEc2() {
    aws.answer("DescribeTasks", describe(task(ARN, "RUNNING", "RUNNING", null)))
        .answer("DescribeNetworkInterfaces", AwsAnswers.networkInterface(AwsAnswers.ENI_ID, "203.0.113.7"));

    BrowserState state = provider(true, false).state(HANDLE);

    assertThat(state.cdpEndpoint()).isEqualTo("wss://203.0.113.7:8443/cdp");
    assertThat(aws.only("DescribeNetworkInterfaces").form())
        .containsEntry("Action", "DescribeNetworkInterfaces")
        .containsEntry("NetworkInterfaceId.1", AwsAnswers.ENI_ID);
  }

  @Test
  void withUsePublicIpAnEniWithoutOneIsAFailureSayingWhy() {
    aws.answer("DescribeTasks", describe(task(ARN, "RUNNING", "RUNNING", null)))
        .answer("DescribeNetworkInterfaces", AwsAnswers.networkInterface(AwsAnswers.ENI_ID, null));

    BrowserState state = provider(true, false).state(HANDLE);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.detail()).contains(AwsAnswers.ENI_ID).contains("no public IP");
  }

  @Test
  void withRequireHealthyARunningContainerIsStartingUntilEcsReportsItHealthy() {
    aws.answer("DescribeTasks", describe(task(ARN, "RUNNING", "RUNNING", "UNKNOWN")))
        .answer("DescribeTasks", describe(task(ARN, "RUNNING", "RUNNING", "HEALTHY")));
    FargateBrowserProvider provider = provider(false, true);

    assertThat(provider.state(HANDLE).phase()).isEqualTo(Phase.STARTING);
    assertThat(provider.state(HANDLE).phase()).isEqualTo(Phase.RUNNING);
  }

  @Test
  void aRunningTaskWhoseContainerIsStillPendingIsStarting() {
    aws.answer("DescribeTasks", describe(task(ARN, "RUNNING", "PENDING", null)));

    assertThat(provider(false, false).state(HANDLE).phase()).isEqualTo(Phase.STARTING);
  }

  @Test
  void aTaskThatStoppedOnItsOwnFailedWithEcsReasonAndTheContainers() {
    aws.answer("DescribeTasks", describe(AwsAnswers.stopped(ARN, "TaskFailedToStart",
        "Essential container in task exited",
        "CannotPullContainerError: pull image manifest has been retried 5 time(s)", null)));

    BrowserState state = provider(false, false).state(HANDLE);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.detail()).contains("TaskFailedToStart").contains("Essential container in task exited")
        .contains("CannotPullContainerError");
  }

  @Test
  void aSpotInterruptionIsAFailure() {
    aws.answer("DescribeTasks", describe(AwsAnswers.stopped(ARN, "SpotInterruption",
        "Your Spot Task was interrupted.", null, 143)));

    BrowserState state = provider(false, false).state(HANDLE);

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.detail()).contains("SpotInterruption").contains("exit code 143");
  }

  @Test
  void aTaskWeStoppedIsGoneWhileStoppingAndOnceStopped() {
    aws.answer("DescribeTasks", describe(task(ARN, "DEPROVISIONING", "STOPPED", null)
            .put("desiredStatus", "STOPPED").put("stopCode", "UserInitiated")
            .put("stoppedReason", FargateTaskStates.STOP_REASON)))
        .answer("DescribeTasks", describe(AwsAnswers.stopped(ARN, "UserInitiated", FargateTaskStates.STOP_REASON,
            null, 137)));
    FargateBrowserProvider provider = provider(false, false);

    assertThat(provider.state(HANDLE).phase()).isEqualTo(Phase.GONE);
    assertThat(provider.state(HANDLE).phase()).isEqualTo(Phase.GONE);
  }

  @Test
  void aTaskEcsDoesNotKnowIsGone() {
    aws.answer("DescribeTasks", AwsAnswers.missing(ARN));

    BrowserState state = provider(false, false).state(HANDLE);

    assertThat(state.phase()).isEqualTo(Phase.GONE);
    assertThat(state.detail()).contains(ARN);
  }

  @Test
  void awaitReadyPollsWithGrowingPausesUntilRunning() {
    aws.answer("DescribeTasks", describe(task(ARN, "PROVISIONING", "PENDING", null)))
        .answer("DescribeTasks", describe(task(ARN, "PENDING", "PENDING", null)))
        .answer("DescribeTasks", describe(task(ARN, "ACTIVATING", "PENDING", null)))
        .answer("DescribeTasks", describe(task(ARN, "RUNNING", "RUNNING", null)));

    BrowserState state = provider(false, false).awaitReady(HANDLE, Duration.ofSeconds(30));

    assertThat(state.phase()).isEqualTo(Phase.RUNNING);
    assertThat(time.pauses()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void awaitReadyAnswersStartingAtTheTimeoutWithPausesCappedAtOneSecond() {
    aws.always("DescribeTasks", request -> new FakeAws.Answer(200, describe(task(ARN, "PENDING", "PENDING", null))));

    BrowserState state = provider(false, false).awaitReady(HANDLE, Duration.ofMillis(3500));

    assertThat(state.phase()).isEqualTo(Phase.STARTING);
    assertThat(time.pauses()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void awaitReadyReturnsAFailureWithoutThrowing() {
    aws.answer("DescribeTasks", describe(task(ARN, "PENDING", "PENDING", null)))
        .answer("DescribeTasks", describe(AwsAnswers.stopped(ARN, "EssentialContainerExited",
            "Essential container in task exited", null, 1)));

    BrowserState state = provider(false, false).awaitReady(HANDLE, Duration.ofSeconds(30));

    assertThat(state.phase()).isEqualTo(Phase.FAILED);
    assertThat(state.detail()).contains("exit code 1");
  }

  private FargateBrowserProvider provider(boolean usePublicIp, boolean requireHealthy) {
    return new FargateBrowserProvider(aws.ecs(), aws.ec2(), FargateSettingsTest.settings(usePublicIp, requireHealthy),
        time, time);
  }
}
