package io.browsergrid.browser.fargate;

import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserState;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Reads a browser's {@link BrowserState} from what {@code DescribeTasks} says about its task:
 * <ul>
 *   <li>a task ECS does not know ({@code MISSING}) is {@code GONE};
 *   <li>a task stopping or stopped with {@link #STOP_REASON} (ours) is {@code GONE}; stopping or stopped for any other
 *       reason (a crash, an image that would not pull, Spot capacity taken back) is {@code FAILED}, with ECS's stop
 *       code and reason and the container's reason and exit code as the detail;
 *   <li>a {@code RUNNING} task whose container runs (and, with {@code requireHealthy}, is {@code HEALTHY}) and whose
 *       address is known is {@code RUNNING} at {@code wss://<ip>:<agentPort>/cdp};
 *   <li>everything before that ({@code PROVISIONING}, {@code PENDING}, {@code ACTIVATING}) is {@code STARTING}.
 * </ul>
 * A running browser's version is not known to ECS and stays {@code null}.
 */
final class FargateTaskStates {
  /** The reason {@link FargateBrowserProvider#stop} gives ECS, and so how a task stopped by us is recognised. */
  static final String STOP_REASON = "Stopped by BrowserGrid";

  private static final Set<String> ENDING = Set.of("DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED", "DELETED");
  private static final String ENI = "ElasticNetworkInterface";

  private final FargateSettings settings;
  private final FargatePublicIps publicIps;

  /** @param publicIps looks up public IPs; may be {@code null} unless {@code settings.usePublicIp()} */
  FargateTaskStates(FargateSettings settings, FargatePublicIps publicIps) {
    this.settings = settings;
    this.publicIps = publicIps;
  }

  /**
   * The state of task {@code taskRef} as {@code answer} describes it. Throws {@link BrowserProviderException} when
   * ECS could not describe it for a reason other than not knowing it.
   */
  BrowserState of(String taskRef, DescribeTasksResponse answer) {
    if (answer.hasTasks() && !answer.tasks().isEmpty()) {
      return of(answer.tasks().get(0));
    }
    Failure failure = answer.hasFailures() && !answer.failures().isEmpty() ? answer.failures().get(0) : null;
    if (failure == null || "MISSING".equals(failure.reason())) {
      return BrowserState.gone("ECS does not know task " + taskRef);
    }
    throw new BrowserProviderException("ECS DescribeTasks cannot describe task " + taskRef + ": " + failure.reason()
        + (failure.detail() == null ? "" : " (" + failure.detail() + ")"), null);
  }

  /** The state of {@code task}. */
  BrowserState of(Task task) {
    if (task.lastStatus() != null && ENDING.contains(task.lastStatus()) || "STOPPED".equals(task.desiredStatus())) {
      return STOP_REASON.equals(task.stoppedReason()) ? BrowserState.gone("stopped") : BrowserState.failed(why(task));
    }
    if (!"RUNNING".equals(task.lastStatus())) {
      return BrowserState.starting();
    }
    Optional<Container> container = container(task);
    if (container.isEmpty()) {
      return BrowserState.failed("the task has no container named " + settings.containerName()
          + ": the containerName setting does not match the task definition");
    }
    if (!"RUNNING".equals(container.get().lastStatus()) || !healthyEnough(container.get())) {
      return BrowserState.starting();
    }
    return settings.usePublicIp() ? onPublicIp(task) : eniDetail(task, "privateIPv4Address")
        .map(this::running).orElseGet(BrowserState::starting);
  }

  private BrowserState onPublicIp(Task task) {
    Optional<String> eniId = eniDetail(task, "networkInterfaceId");
    if (eniId.isEmpty()) {
      return BrowserState.starting();
    }
    return publicIps.of(eniId.get()).map(this::running).orElseGet(() -> BrowserState.failed(
        "network interface " + eniId.get() + " has no public IP: assignPublicIp needs subnets with an internet "
            + "gateway"));
  }

  private BrowserState running(String ip) {
    return BrowserState.running("wss://" + ip + ":" + settings.agentPort() + "/cdp", null);
  }

  private boolean healthyEnough(Container container) {
    return container.healthStatus() == HealthStatus.HEALTHY
        || !settings.requireHealthy() && container.healthStatus() != HealthStatus.UNHEALTHY;
  }

  private Optional<Container> container(Task task) {
    return task.containers().stream().filter(c -> settings.containerName().equals(c.name())).findFirst();
  }

  private static Optional<String> eniDetail(Task task, String name) {
    return task.attachments().stream()
        .filter(attachment -> ENI.equals(attachment.type()))
        .flatMap(attachment -> attachment.details().stream())
        .filter(detail -> name.equals(detail.name()) && detail.value() != null && !detail.value().isBlank())
        .map(KeyValuePair::value)
        .findFirst();
  }

  private String why(Task task) {
    StringBuilder why = new StringBuilder("the task ")
        .append("STOPPED".equals(task.lastStatus()) ? "stopped" : "is stopping");
    if (task.stopCodeAsString() != null) {
      why.append(" (").append(task.stopCodeAsString()).append(')');
    }
    why.append(": ").append(task.stoppedReason() == null ? "no reason given" : task.stoppedReason());
    container(task).filter(c -> c.reason() != null || c.exitCode() != null).ifPresent(c -> {
      why.append("; container ").append(c.name());
      if (c.reason() != null) {
        why.append(": ").append(c.reason());
      }
      if (c.exitCode() != null) {
        why.append(" (exit code ").append(c.exitCode()).append(')');
      }
    });
    return why.toString();
  }
}
