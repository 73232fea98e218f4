package io.browsergrid.browser.fargate;

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
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * Browsers as ECS tasks on Fargate, one task per browser, each running the agent beside its Chromium. A handle's
 * {@code ref} is the task's ARN.
 *
 * <ul>
 *   <li>{@link #start} sends one {@code RunTask} (see {@link FargateRunTaskRequests} for what it carries) and returns
 *       as soon as ECS accepted it. When ECS starts no task it throws {@link BrowserProviderException} naming ECS's
 *       reason, after up to three placement attempts when Fargate lacked capacity and at once for anything else
 *       (ENI or other resource shortage, access denied, an invalid parameter).
 *   <li>{@link #state} is one {@code DescribeTasks} (and, with {@code usePublicIp}, one
 *       {@code DescribeNetworkInterfaces}), read by {@link FargateTaskStates}.
 *   <li>{@link #stop} is {@code StopTask} with {@link FargateTaskStates#STOP_REASON}; a task ECS no longer knows counts
 *       as stopped.
 *   <li>{@link #list} is every task this deployment's {@code startedBy} marks that ECS wants running, the browser id
 *       read from the task's tag (a task without one gets its task id, so reconciliation sees it as an orphan).
 * </ul>
 * Every AWS call is retried on throttling and server errors ({@link FargateCalls}). Thread-safe; the injected clients
 * are shared, not closed.
 */
public final class FargateBrowserProvider implements BrowserProvider {
  static final int PLACEMENT_ATTEMPTS = 3;
  private static final int DESCRIBE_BATCH = 100;
  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  private final EcsClient ecs;
  private final FargateSettings settings;
  private final FargateCalls calls;
  private final FargateRunTaskRequests requests;
  private final FargateTaskStates states;
  private final ReadyPoller poller;

  /**
   * @param ecs      the ECS client, built once by the caller
   * @param ec2      the EC2 client for public IPs; may be {@code null} unless {@code settings.usePublicIp()}
   * @param settings where and how tasks run
   */
  public FargateBrowserProvider(EcsClient ecs, Ec2Client ec2, FargateSettings settings) {
    this(ecs, ec2, settings, Clock.systemUTC(), FargatePause.SLEEP);
  }

  FargateBrowserProvider(EcsClient ecs, Ec2Client ec2, FargateSettings settings, Clock clock, FargatePause pause) {
    this.ecs = Objects.requireNonNull(ecs, "ecs");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.poller = new ReadyPoller(FIRST_POLL, MAX_POLL, clock, pause::pause);
    this.calls = new FargateCalls(pause);
    this.requests = new FargateRunTaskRequests(settings);
    this.states = new FargateTaskStates(settings, settings.usePublicIp() ? new FargatePublicIps(ec2, calls) : null);
  }

  @Override
  public String name() {
    return "fargate";
  }

  @Override
  public BrowserHandle start(BrowserSpec spec) {
    for (int attempt = 1; ; attempt++) {
      // one token per placement attempt: FargateCalls' retries of this attempt reuse it, so ECS starts one task at most
      RunTaskRequest request = requests.request(spec, UUID.randomUUID().toString());
      RunTaskResponse answer = calls.call("ECS RunTask", () -> ecs.runTask(request));
      if (answer.hasTasks() && !answer.tasks().isEmpty()) {
        return new BrowserHandle(spec.browserId(), answer.tasks().get(0).taskArn());
      }
      Failure failure = answer.hasFailures() && !answer.failures().isEmpty() ? answer.failures().get(0) : null;
      if (attempt == PLACEMENT_ATTEMPTS || !FargateRunTaskFailures.retryable(failure)) {
        throw new BrowserProviderException(FargateRunTaskFailures.message(spec.browserId(), failure, attempt), null);
      }
      calls.backOff(attempt);
    }
  }

  /** Polls {@link #state} every 100 ms, then less often up to once a second. */
  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    return poller.await(() -> state(handle), timeout);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    return states.of(handle.ref(), calls.call("ECS DescribeTasks",
        () -> ecs.describeTasks(b -> b.cluster(settings.cluster()).tasks(handle.ref()))));
  }

  @Override
  public void stop(BrowserHandle handle) {
    calls.call("ECS StopTask", () -> {
      try {
        return ecs.stopTask(b -> b.cluster(settings.cluster()).task(handle.ref())
            .reason(FargateTaskStates.STOP_REASON));
      } catch (InvalidParameterException e) {
        if (isGone(e)) {
          return null;
        }
        throw e;
      }
    });
  }

  /** The tasks {@code startedBy} this deployment that ECS means to keep running: starting or running. */
  @Override
  public List<BrowserHandle> list() {
    List<String> arns = taskArns();
    List<BrowserHandle> handles = new ArrayList<>(arns.size());
    for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
      List<String> batch = arns.subList(from, Math.min(from + DESCRIBE_BATCH, arns.size()));
      calls.call("ECS DescribeTasks", () -> ecs.describeTasks(b -> b.cluster(settings.cluster()).tasks(batch)
              .include(TaskField.TAGS)))
          .tasks().stream()
          .filter(task -> !"STOPPED".equals(task.desiredStatus()))
          .map(FargateBrowserProvider::handle)
          .forEach(handles::add);
    }
    return handles;
  }

  private List<String> taskArns() {
    List<String> arns = new ArrayList<>();
    String next = null;
    do {
      String token = next;
      ListTasksResponse page = calls.call("ECS ListTasks", () -> ecs.listTasks(b -> b.cluster(settings.cluster())
          .startedBy(settings.startedBy()).desiredStatus(DesiredStatus.RUNNING).maxResults(100).nextToken(token)));
      arns.addAll(page.taskArns());
      next = page.nextToken();
    } while (next != null);
    return arns;
  }

  private static BrowserHandle handle(Task task) {
    String browserId = task.tags().stream()
        .filter(tag -> FargateRunTaskRequests.TAG_BROWSER_ID.equals(tag.key()))
        .map(Tag::value)
        .findFirst()
        .orElseGet(() -> task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1));
    return new BrowserHandle(browserId, task.taskArn());
  }

  // ECS answers StopTask on a task it no longer knows with "The referenced task was not found."
  private static boolean isGone(InvalidParameterException e) {
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains("not found");
  }
}
