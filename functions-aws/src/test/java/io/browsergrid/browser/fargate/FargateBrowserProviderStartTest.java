package io.browsergrid.browser.fargate;

import static io.browsergrid.browser.fargate.AwsAnswers.runTaskFailed;
import static io.browsergrid.browser.fargate.AwsAnswers.runTaskStarted;
import static io.browsergrid.browser.fargate.AwsAnswers.taskArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserProxy;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.Viewport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code start}: the RunTask request the real ECS client sends, and how ECS's refusals come back. */
class FargateBrowserProviderStartTest {
  private static final String CAPACITY =
      "Capacity is unavailable at this time. Please try again later or in a different availability zone";

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
  void startSendsOneRunTaskWithTheConfiguredPlacementAndReturnsTheTaskArnAtOnce() {
    aws.answer("RunTask", runTaskStarted(taskArn("t1")));

    BrowserHandle handle = provider.start(spec("0123-abc", Map.of("tenant", "acme", "session", "0123-abc")));

    assertThat(handle).isEqualTo(new BrowserHandle("0123-abc", taskArn("t1")));
    FakeAws.Request request = aws.only("RunTask");
    assertThat(request.target()).isEqualTo("AmazonEC2ContainerServiceV20141113.RunTask");
    JsonNode body = request.json();
    assertThat(body.path("cluster").asText()).isEqualTo("browsers");
    assertThat(body.path("taskDefinition").asText()).isEqualTo("browsergrid-browser:7");
    assertThat(body.path("count").asInt()).isEqualTo(1);
    assertThat(body.has("launchType")).as("launchType and a capacity provider strategy exclude each other").isFalse();
    assertThat(body.path("capacityProviderStrategy").get(0).path("capacityProvider").asText())
        .isEqualTo("FARGATE_SPOT");
    JsonNode vpc = body.path("networkConfiguration").path("awsvpcConfiguration");
    assertThat(texts(vpc.path("subnets"))).containsExactly("subnet-aaa", "subnet-bbb");
    assertThat(texts(vpc.path("securityGroups"))).containsExactly("sg-0123");
    assertThat(vpc.path("assignPublicIp").asText()).isEqualTo("ENABLED");
    assertThat(body.path("startedBy").asText()).isEqualTo("bg-test");
    assertThat(body.path("clientToken").asText()).isNotBlank();
    assertThat(pairs(body.path("tags"), "key", "value")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "browsergrid:deployment", "bg-test", "browsergrid:browser-id", "0123-abc",
        "browsergrid:tenant", "acme", "browsergrid:session", "0123-abc"));
  }

  @Test
  void theAgentGetsItsBrowserTokenCallbackAndOptionsAsEnvironmentOverrides() {
    aws.answer("RunTask", runTaskStarted(taskArn("t1")));
    BrowserOptions options =
        new BrowserOptions(false, new Viewport(1280, 800), List.of("--lang=de-DE", "--mute-audio"), "Bot/1.0");

    provider.start(new BrowserSpec("0123-abc", options, Map.of("tenant", "acme"), "s3cret"));

    JsonNode body = aws.only("RunTask").json();
    JsonNode override = body.path("overrides").path("containerOverrides").get(0);
    assertThat(override.path("name").asText()).isEqualTo("browser");
    assertThat(pairs(override.path("environment"), "name", "value")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "BROWSERGRID_BROWSER_ID", "0123-abc",
        "BROWSERGRID_SESSION_TOKEN", "s3cret",
        "BROWSERGRID_CALLBACK_URL", "https://api.example.com/v1/agent/0123-abc",
        "BROWSERGRID_HEADLESS", "false",
        "BROWSERGRID_WINDOW_SIZE", "1280,800",
        "BROWSERGRID_USER_AGENT", "Bot/1.0",
        "BROWSERGRID_BROWSER_ARGS", "--lang=de-DE\n--mute-audio"));
    assertThat(pairs(body.path("tags"), "key", "value")).doesNotContainKey("browsergrid:token")
        .doesNotContainValue("s3cret");
  }

  @Test
  void aClientsProxyReachesTheAgentWithItsCredentialsInTheEnvironmentAndNeverInATag() {
    aws.answer("RunTask", runTaskStarted(taskArn("t1")));
    BrowserOptions options = new BrowserOptions(true, null, List.of(), null,
        new BrowserProxy("http", "proxy.example", 3128, "alice", "hunter2", List.of("*.internal.example")));

    provider.start(new BrowserSpec("0123-abc", options, Map.of(), "s3cret"));

    JsonNode body = aws.only("RunTask").json();
    Map<String, String> env = pairs(body.path("overrides").path("containerOverrides").get(0).path("environment"),
        "name", "value");
    assertThat(env).containsEntry("BROWSERGRID_PROXY", "http://alice:hunter2@proxy.example:3128")
        .containsEntry("BROWSERGRID_PROXY_BYPASS", "*.internal.example");
    assertThat(body.path("tags").toString()).doesNotContain("hunter2");
  }

  @Test
  void aWarmPoolBrowserStartsWithItsOwnTokenAndNoSessionSoItsAgentGoesByItsBrowserId() {
    aws.answer("RunTask", runTaskStarted(taskArn("t1")));

    // what the pool keeper asks for: the token is derived from the browser id, since no session exists yet
    provider.start(new BrowserSpec("pb-0123456789abcdef", BrowserOptions.DEFAULT,
        Map.of("pool", "scrapers", "owner", "acme"), "browser-s3cret"));

    JsonNode body = aws.only("RunTask").json();
    Map<String, String> env = pairs(body.path("overrides").path("containerOverrides").get(0).path("environment"),
        "name", "value");
    assertThat(env).containsEntry("BROWSERGRID_BROWSER_ID", "pb-0123456789abcdef")
        .containsEntry("BROWSERGRID_SESSION_TOKEN", "browser-s3cret")
        .containsEntry("BROWSERGRID_CALLBACK_URL", "https://api.example.com/v1/agent/pb-0123456789abcdef")
        .doesNotContainKey("BROWSERGRID_SESSION_ID");
    assertThat(pairs(body.path("tags"), "key", "value")).containsEntry("browsergrid:pool", "scrapers")
        .doesNotContainValue("browser-s3cret");
  }

  @Test
  void anEniShortageIsAClearFailureAndNotRetried() {
    aws.answer("RunTask", runTaskFailed("RESOURCE:ENI", null));

    assertThatThrownBy(() -> provider.start(spec("0123-abc", Map.of())))
        .isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("0123-abc").hasMessageContaining("RESOURCE:ENI").hasMessageContaining("ENI quota");
    assertThat(aws.requests("RunTask")).hasSize(1);
  }

  @Test
  void missingFargateCapacityIsRetriedAsANewPlacement() {
    aws.answer("RunTask", runTaskFailed(CAPACITY, null)).answer("RunTask", runTaskStarted(taskArn("t2")));

    BrowserHandle handle = provider.start(spec("0123-abc", Map.of()));

    assertThat(handle.ref()).isEqualTo(taskArn("t2"));
    List<FakeAws.Request> requests = aws.requests("RunTask");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).json().path("clientToken").asText())
        .isNotEqualTo(requests.get(0).json().path("clientToken").asText());
    assertThat(time.pauses()).hasSize(1);
  }

  @Test
  void capacityThatStaysUnavailableGivesUpAfterABoundedNumberOfAttempts() {
    for (int i = 0; i < FargateBrowserProvider.PLACEMENT_ATTEMPTS; i++) {
      aws.answer("RunTask", runTaskFailed(CAPACITY, null));
    }

    assertThatThrownBy(() -> provider.start(spec("0123-abc", Map.of())))
        .isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("Capacity is unavailable")
        .hasMessageContaining("after " + FargateBrowserProvider.PLACEMENT_ATTEMPTS + " attempts");
    assertThat(aws.requests("RunTask")).hasSize(FargateBrowserProvider.PLACEMENT_ATTEMPTS);
  }

  @Test
  void throttlingIsRetriedWithTheSameClientTokenSoEcsStartsOneTaskAtMost() {
    aws.fail("RunTask", 400, "ThrottlingException", "Rate exceeded")
        .answer("RunTask", runTaskStarted(taskArn("t1")));

    BrowserHandle handle = provider.start(spec("0123-abc", Map.of()));

    assertThat(handle.ref()).isEqualTo(taskArn("t1"));
    List<FakeAws.Request> requests = aws.requests("RunTask");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).json().path("clientToken").asText())
        .isEqualTo(requests.get(0).json().path("clientToken").asText());
    assertThat(time.pauses()).hasSize(1);
  }

  @Test
  void throttlingThatDoesNotStopGivesUpWithEcsReason() {
    for (int i = 0; i < FargateCalls.MAX_ATTEMPTS; i++) {
      aws.fail("RunTask", 400, "ThrottlingException", "Rate exceeded");
    }

    assertThatThrownBy(() -> provider.start(spec("0123-abc", Map.of())))
        .isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("ThrottlingException: Rate exceeded");
    assertThat(aws.requests("RunTask")).hasSize(FargateCalls.MAX_ATTEMPTS);
    assertThat(time.pauses()).hasSize(FargateCalls.MAX_ATTEMPTS - 1);
  }

  @Test
  void aServerErrorIsRetried() {
    aws.fail("RunTask", 500, "ServerException", "Service unavailable. Try again later.")
        .answer("RunTask", runTaskStarted(taskArn("t1")));

    assertThat(provider.start(spec("0123-abc", Map.of())).ref()).isEqualTo(taskArn("t1"));
    assertThat(aws.requests("RunTask")).hasSize(2);
  }

  @Test
  void accessDeniedIsNotRetried() {
    aws.fail("RunTask", 400, "AccessDeniedException",
        "User: arn:aws:sts::123456789012:assumed-role/api/fn is not authorized to perform: ecs:RunTask");

    assertThatThrownBy(() -> provider.start(spec("0123-abc", Map.of())))
        .isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("ECS RunTask refused").hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("not authorized to perform: ecs:RunTask");
    assertThat(aws.requests("RunTask")).hasSize(1);
    assertThat(time.pauses()).isEmpty();
  }

  @Test
  void anInvalidParameterIsNotRetried() {
    aws.fail("RunTask", 400, "InvalidParameterException", "No Container Instances were found in your cluster.");

    assertThatThrownBy(() -> provider.start(spec("0123-abc", Map.of())))
        .isInstanceOf(BrowserProviderException.class).hasMessageContaining("InvalidParameterException");
    assertThat(aws.requests("RunTask")).hasSize(1);
  }

  @Test
  void labelsBecomeTagsEcsAccepts() {
    aws.answer("RunTask", runTaskStarted(taskArn("t1")));

    provider.start(spec("0123-abc", Map.of("pool", "eu pool #1", "owner", "x".repeat(300))));

    Map<String, String> tags = pairs(aws.only("RunTask").json().path("tags"), "key", "value");
    assertThat(tags).containsEntry("browsergrid:pool", "eu pool _1");
    assertThat(tags.get("browsergrid:owner")).hasSize(256);
  }

  @Test
  void aBrowserIdThatCannotBeATagValueIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> provider.start(spec("bad#id", Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad#id");
    assertThat(aws.requests("RunTask")).isEmpty();
  }

  private static BrowserSpec spec(String id, Map<String, String> labels) {
    return new BrowserSpec(id, BrowserOptions.DEFAULT, labels);
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static Map<String, String> pairs(JsonNode array, String key, String value) {
    Map<String, String> pairs = new LinkedHashMap<>();
    array.forEach(pair -> pairs.put(pair.path(key).asText(), pair.path(value).asText()));
    return pairs;
  }
}
