package io.browsergrid.browser.fargate;

import java.util.Locale;
import software.amazon.awssdk.services.ecs.model.Failure;

/**
 * What a {@code RunTask} answer's {@code failures} mean: which are worth another placement attempt (Fargate capacity
 * comes and goes per availability zone), and a message that names ECS's reason and what an operator can do about it.
 */
final class FargateRunTaskFailures {
  private static final String CAPACITY = "capacity is unavailable";

  private FargateRunTaskFailures() {}

  /** True when another placement attempt may succeed: ECS had no Fargate capacity this time. */
  static boolean retryable(Failure failure) {
    return failure != null && failure.reason() != null
        && failure.reason().toLowerCase(Locale.ROOT).contains(CAPACITY);
  }

  /** Why no task started for {@code browserId}, after {@code attempts} placement attempts. */
  static String message(String browserId, Failure failure, int attempts) {
    StringBuilder message = new StringBuilder("ECS RunTask started no task for browser ").append(browserId);
    if (failure == null) {
      return message.append(": ECS answered with neither a task nor a failure").toString();
    }
    message.append(": ").append(failure.reason());
    if (failure.detail() != null) {
      message.append(" (").append(failure.detail()).append(')');
    }
    if (failure.arn() != null) {
      message.append(" on ").append(failure.arn());
    }
    String hint = hint(failure.reason());
    if (hint != null) {
      message.append("; ").append(hint);
    }
    if (attempts > 1) {
      message.append("; gave up after ").append(attempts).append(" attempts");
    }
    return message.toString();
  }

  private static String hint(String reason) {
    if (reason == null) {
      return null;
    }
    if (reason.startsWith("RESOURCE:ENI")) {
      return "no network interface could be created: the account's ENI quota or the subnets' free IP addresses "
          + "are used up";
    }
    if (reason.startsWith("RESOURCE:")) {
      return "the capacity provider lacks the " + reason.substring("RESOURCE:".length()) + " the task asks for";
    }
    if (reason.toLowerCase(Locale.ROOT).contains(CAPACITY)) {
      return "Fargate had no capacity in the subnets' availability zones: add subnets in more zones, "
          + "or use FARGATE rather than FARGATE_SPOT";
    }
    return null;
  }
}
