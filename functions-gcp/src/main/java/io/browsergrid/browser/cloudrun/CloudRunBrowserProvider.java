package io.browsergrid.browser.cloudrun;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.run.v2.CreateServiceRequest;
import com.google.cloud.run.v2.ListServicesRequest;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.browser.ReadyPoller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Browsers as Cloud Run services, one service per browser at exactly one instance, each running the agent beside its
 * Chromium ({@link CloudRunServices} says how it is defined). A handle's {@code ref} is the service's resource name.
 *
 * <ul>
 *   <li>{@link #start} sends one {@code CreateService} and returns once Cloud Run accepted it (its long-running
 *       operation has begun). A create that meets a conflict (HTTP 409) while a service of that browser exists was a
 *       retry whose first answer was lost: it is the same browser, and no second one starts. A refusal
 *       (quota, permission, an invalid template) throws {@link BrowserProviderException} saying which.
 *   <li>{@link #awaitReady} follows the creation by polling {@code GetService} (the service's conditions are what
 *       the operation waits on, and any function instance can read them), every 250 ms, then less often up to once a
 *       second, never past its timeout.
 *   <li>{@link #state} is one {@code GetService}, read by {@link CloudRunServiceStates}; a service Cloud Run no
 *       longer knows reads {@code GONE}.
 *   <li>{@link #stop} is {@code DeleteService}, not waited for; a missing service counts as stopped.
 *   <li>{@link #list} pages through {@code ListServices} and keeps this deployment's, by label.
 * </ul>
 * Every call is retried on unavailability ({@link CloudRunCalls}). Thread-safe; the injected client is shared, not
 * closed.
 */
public final class CloudRunBrowserProvider implements BrowserProvider {
  static final int PAGE_SIZE = 100;
  // REST answers a taken id with HTTP 409, which GAX reads as ABORTED (gRPC would say ALREADY_EXISTS)
  private static final Set<StatusCode.Code> CONFLICT = Set.of(StatusCode.Code.ALREADY_EXISTS, StatusCode.Code.ABORTED);
  private static final Duration FIRST_POLL = Duration.ofMillis(250);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  private final ServicesClient run;
  private final CloudRunSettings settings;
  private final ReadyPoller poller;
  private final CloudRunCalls calls;
  private final CloudRunServices services;

  /**
   * @param run      the Run Admin API client (v2), built once by the caller
   * @param settings where and how browsers run
   */
  public CloudRunBrowserProvider(ServicesClient run, CloudRunSettings settings) {
    this(run, settings, Clock.systemUTC(), CloudRunPause.SLEEP);
  }

  CloudRunBrowserProvider(ServicesClient run, CloudRunSettings settings, Clock clock, CloudRunPause pause) {
    this.run = Objects.requireNonNull(run, "run");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.poller = new ReadyPoller(FIRST_POLL, MAX_POLL, clock, pause::pause);
    this.calls = new CloudRunCalls(pause);
    this.services = new CloudRunServices(settings);
  }

  @Override
  public String name() {
    return "cloudrun";
  }

  @Override
  public BrowserHandle start(BrowserSpec spec) {
    CreateServiceRequest request = CreateServiceRequest.newBuilder()
        .setParent(settings.parent())
        .setServiceId(services.serviceId(spec.browserId()))
        .setService(services.service(spec))
        .build();
    String name = services.serviceName(spec.browserId());
    calls.call("Cloud Run CreateService", () -> {
      try {
        return run.createServiceCallable().call(request);
      } catch (ApiException e) {
        if (!CONFLICT.contains(CloudRunCalls.code(e))) {
          throw e;
        }
        Optional<Service> existing = get(name);
        if (existing.isEmpty()) {
          throw e;
        }
        if (!spec.browserId().equals(CloudRunServices.browserId(existing.get()))) {
          throw new BrowserProviderException("Cloud Run CreateService refused: " + name
              + " already exists for another browser", e);
        }
        return null;
      }
    });
    return new BrowserHandle(spec.browserId(), name);
  }

  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    return poller.await(() -> state(handle), timeout);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    return get(handle.ref()).map(CloudRunServiceStates::of)
        .orElseGet(() -> BrowserState.gone("no such Cloud Run service"));
  }

  @Override
  public void stop(BrowserHandle handle) {
    calls.call("Cloud Run DeleteService", () -> {
      try {
        return run.deleteServiceCallable().call(
            com.google.cloud.run.v2.DeleteServiceRequest.newBuilder().setName(handle.ref()).build());
      } catch (ApiException e) {
        if (CloudRunCalls.code(e) == StatusCode.Code.NOT_FOUND) {
          return null;
        }
        throw e;
      }
    });
  }

  /** This deployment's services that are not being deleted. */
  @Override
  public List<BrowserHandle> list() {
    List<BrowserHandle> handles = new ArrayList<>();
    String token = "";
    do {
      ListServicesRequest request = ListServicesRequest.newBuilder()
          .setParent(settings.parent()).setPageSize(PAGE_SIZE).setPageToken(token).build();
      var page = calls.call("Cloud Run ListServices", () -> run.listServicesCallable().call(request));
      for (Service service : page.getServicesList()) {
        if (settings.deployment().equals(service.getLabelsMap().get(CloudRunServices.LABEL_DEPLOYMENT))
            && !service.hasDeleteTime()) {
          handles.add(new BrowserHandle(CloudRunServices.browserId(service), service.getName()));
        }
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return handles;
  }

  /** The service's request timeout: Cloud Run ends each WebSocket there, so no session outlasts it. */
  @Override
  public OptionalInt longestSessionSeconds() {
    return OptionalInt.of((int) settings.requestTimeout().toSeconds());
  }

  private Optional<Service> get(String name) {
    return calls.call("Cloud Run GetService", () -> {
      try {
        return Optional.of(run.getService(name));
      } catch (ApiException e) {
        if (CloudRunCalls.code(e) == StatusCode.Code.NOT_FOUND) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

}
