package io.browsergrid.browser.cloudrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.ExecutionEnvironment;
import com.google.cloud.run.v2.IngressTraffic;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceScaling;
import com.google.protobuf.util.JsonFormat;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Run provider's requests and its handling of the answers, through the real Run Admin client (REST) against
 * the local API server: no browser runs here ({@link CloudRunBrowserProviderIT} runs real ones).
 */
class CloudRunBrowserProviderTest {
  private static final String SERVICES = "/v2/projects/bg-project/locations/europe-west1/services";

  private FakeCloudRun run;
  private final List<Duration> pauses = new ArrayList<>();
  private Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private CloudRunBrowserProvider provider;

  @BeforeEach
  void start() throws Exception {
    run = new FakeCloudRun();
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    provider = new CloudRunBrowserProvider(run.client(), CloudRunSettingsTest.settings("agent-image:1"), clock,
        pause -> {
          pauses.add(pause);
          now = now.plus(pause);
        });
  }

  @AfterEach
  void stop() {
    run.close();
  }

  @Test
  void aStartCreatesOneServiceAtExactlyOneInstanceWithTheAgentsEnvironment() throws Exception {
    BrowserHandle handle = provider.start(spec("b-1", "the-token"));

    FakeCloudRun.Request create = run.requests("POST", SERVICES).get(0);
    assertThat(run.requests("POST", SERVICES)).hasSize(1);
    String serviceId = create.query().get("serviceId");
    assertThat(serviceId).matches("bg-[0-9a-f]{32}");
    assertThat(handle).isEqualTo(new BrowserHandle("b-1",
        "projects/bg-project/locations/europe-west1/services/" + serviceId));
    // the client sends enums as numbers, as Google's REST clients do: read the body back as the API does
    Service.Builder sent = Service.newBuilder();
    JsonFormat.parser().merge(create.body(), sent);
    Service service = sent.build();
    assertThat(service.getScaling().getScalingMode()).isEqualTo(ServiceScaling.ScalingMode.MANUAL);
    assertThat(service.getScaling().getManualInstanceCount()).isEqualTo(1);
    assertThat(service.getInvokerIamDisabled()).isTrue();
    assertThat(service.getIngress()).isEqualTo(IngressTraffic.INGRESS_TRAFFIC_ALL);
    assertThat(service.getLabelsMap()).containsEntry("browsergrid-deployment", "test-deployment")
        .containsEntry("browsergrid-browser", "b-1").containsEntry("bg-tenant", "acme_corp");
    assertThat(service.getAnnotationsMap()).containsEntry("browsergrid.io/browser-id", "b-1");
    RevisionTemplate template = service.getTemplate();
    assertThat(template.getServiceAccount()).isEqualTo("browsers@bg-project.iam.gserviceaccount.com");
    assertThat(template.getExecutionEnvironment()).isEqualTo(ExecutionEnvironment.EXECUTION_ENVIRONMENT_GEN2);
    assertThat(template.getTimeout().getSeconds()).isEqualTo(3600);
    assertThat(template.getMaxInstanceRequestConcurrency()).isEqualTo(80);
    Container container = template.getContainers(0);
    assertThat(container.getImage()).isEqualTo("agent-image:1");
    assertThat(container.getPorts(0).getContainerPort()).isEqualTo(8080);
    assertThat(container.getResources().getLimitsMap()).containsEntry("cpu", "2").containsEntry("memory", "2Gi");
    assertThat(container.getResources().getCpuIdle()).isFalse();
    Map<String, String> env = new HashMap<>();
    container.getEnvList().forEach(var -> env.put(var.getName(), var.getValue()));
    assertThat(env).containsEntry("BROWSERGRID_BROWSER_ID", "b-1")
        .containsEntry("BROWSERGRID_SESSION_TOKEN", "the-token")
        .containsEntry("BROWSERGRID_CALLBACK_URL", "https://events.example/agent-events/b-1")
        .containsEntry("BROWSERGRID_AGENT_PORT", "8080")
        .containsEntry("BROWSERGRID_AGENT_PUBLIC_URL",
            "https://" + serviceId + "-123456789.europe-west1.run.app");
    assertThat(service.getLabelsMap().toString() + service.getAnnotationsMap()).doesNotContain("the-token");
  }

  @Test
  void aStartRetriedAfterItsAnswerWasLostMeetsItsOwnServiceAndStartsNoSecond() {
    provider.start(spec("b-1", "t"));
    run.fail("CreateService", 1, 503, "UNAVAILABLE");

    BrowserHandle again = provider.start(spec("b-1", "t"));

    assertThat(again.browserId()).isEqualTo("b-1");
    assertThat(run.services()).hasSize(1);
  }

  @Test
  void aServiceIdTakenByAnotherBrowserIsARefusal() {
    BrowserHandle first = provider.start(spec("b-1", "t"));
    Service taken = run.services().get(first.ref()).toBuilder()
        .putAnnotations(CloudRunServices.ANNOTATION_BROWSER_ID, "someone-else").build();
    provider.stop(first);
    run.put(taken);

    assertThatThrownBy(() -> provider.start(spec("b-1", "t")))
        .isInstanceOf(BrowserProviderException.class).hasMessageContaining("already exists for another browser");
  }

  @Test
  void awaitReadyPollsTheServiceUntilItIsReadyAndReadsItsUrlAsTheCdpEndpoint() {
    run.readsUntilReady(3);
    BrowserHandle handle = provider.start(spec("b-1", "t"));

    BrowserState state = provider.awaitReady(handle, Duration.ofSeconds(30));

    String serviceId = handle.ref().substring(handle.ref().lastIndexOf('/') + 1);
    assertThat(state.phase()).isEqualTo(BrowserState.Phase.RUNNING);
    assertThat(state.cdpEndpoint()).isEqualTo("wss://" + serviceId + "-123456789.europe-west1.run.app/cdp");
    assertThat(state.version()).isEqualTo("agent agent-image:1");
    assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void awaitReadyReturnsStartingOnceItsTimeoutHasPassed() {
    run.readsUntilReady(1_000);
    BrowserHandle handle = provider.start(spec("b-1", "t"));

    BrowserState state = provider.awaitReady(handle, Duration.ofSeconds(5));

    assertThat(state.phase()).isEqualTo(BrowserState.Phase.STARTING);
    assertThat(pauses.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(5_000);
  }

  @Test
  void aServiceCloudRunCannotStartReadsFailedWithCloudRunsMessage() throws Exception {
    CloudRunBrowserProvider missing = new CloudRunBrowserProvider(run.client(),
        CloudRunSettingsTest.settings(FakeCloudRun.MISSING_IMAGE));
    BrowserHandle handle = missing.start(spec("b-1", "t"));

    BrowserState state = missing.awaitReady(handle, Duration.ofSeconds(30));

    assertThat(state.phase()).isEqualTo(BrowserState.Phase.FAILED);
    assertThat(state.detail()).contains("not found").contains(FakeCloudRun.MISSING_IMAGE);
  }

  @Test
  void anExhaustedQuotaIsARefusalThatSaysWhichQuota() {
    run.fail("CreateService", 1, 429, "RESOURCE_EXHAUSTED");

    assertThatThrownBy(() -> provider.start(spec("b-1", "t")))
        .isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("RESOURCE_EXHAUSTED").hasMessageContaining("quota");
    assertThat(run.requests("POST", SERVICES)).hasSize(1);
  }

  @Test
  void aMissingPermissionIsARefusalThatNamesTheRoles() {
    run.fail("CreateService", 1, 403, "PERMISSION_DENIED");

    assertThatThrownBy(() -> provider.start(spec("b-1", "t")))
        .isInstanceOf(BrowserProviderException.class)
        .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("roles/run.admin");
  }

  @Test
  void anUnavailableApiIsRetriedWithBackoffAndThenGivenUp() {
    run.fail("GetService", 2, 503, "UNAVAILABLE");
    BrowserHandle handle = provider.start(spec("b-1", "t"));

    assertThat(provider.state(handle).phase()).isEqualTo(BrowserState.Phase.RUNNING);
    assertThat(pauses).hasSize(2);

    run.fail("GetService", CloudRunCalls.MAX_ATTEMPTS, 503, "UNAVAILABLE");
    assertThatThrownBy(() -> provider.state(handle))
        .isInstanceOf(BrowserProviderException.class).hasMessageContaining("still failing after 4 attempts");
  }

  @Test
  void stopDeletesTheServiceAndStoppingAMissingOneIsANoOp() {
    BrowserHandle handle = provider.start(spec("b-1", "t"));

    provider.stop(handle);
    provider.stop(handle);

    assertThat(run.requests("DELETE", handle.ref().isEmpty() ? "" : "/v2/" + handle.ref())).hasSize(2);
    assertThat(run.services()).isEmpty();
    assertThat(provider.state(handle).phase()).isEqualTo(BrowserState.Phase.GONE);
  }

  @Test
  void listPagesThroughEveryServiceAndKeepsThisDeploymentsOnly() {
    run.pageSizeCap(2);
    for (int i = 0; i < 5; i++) {
      provider.start(spec("b-" + i, "t"));
    }
    String parent = "projects/bg-project/locations/europe-west1/services/";
    run.put(Service.newBuilder().setName(parent + "other-app").putLabels("app", "other").build());
    run.put(Service.newBuilder().setName(parent + "bg-orphan")
        .putLabels(CloudRunServices.LABEL_DEPLOYMENT, "test-deployment").build());

    List<BrowserHandle> listed = provider.list();

    assertThat(listed).extracting(BrowserHandle::browserId)
        .containsExactlyInAnyOrder("b-0", "b-1", "b-2", "b-3", "b-4", "bg-orphan");
    assertThat(run.requests("GET", SERVICES)).hasSize(4)
        .allSatisfy(request -> assertThat(request.query()).containsEntry("pageSize", "100"));
  }

  @Test
  void noSessionOutlastsTheServicesRequestTimeout() {
    assertThat(provider.longestSessionSeconds()).hasValue(3600);
  }

  private static BrowserSpec spec(String id, String token) {
    return new BrowserSpec(id, BrowserOptions.DEFAULT, Map.of("tenant", "Acme Corp"), token);
  }
}
