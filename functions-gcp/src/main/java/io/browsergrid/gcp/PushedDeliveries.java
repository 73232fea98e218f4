package io.browsergrid.gcp;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.event.pubsub.PushedEvents;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.ProblemException;
import io.browsergrid.webhook.WebhookDeliverer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code deliverWebhooks} function, the push endpoint of the events subscription: one push names one outbox
 * event, which the core's {@link WebhookDeliverer} delivers. The answer is Pub/Sub's acknowledgement:
 * <ul>
 *   <li>204 once delivered (or found already delivered): acknowledged;
 *   <li>401 without the push subscription's OIDC token ({@link InvokerCheck}): nothing runs;
 *   <li>400 for a push that is no push envelope or names no event: Pub/Sub retries it until the subscription's
 *       dead-letter policy moves it to the dead-letter topic;
 *   <li>503 for a ref that is not due yet ({@code notBefore}): pushed again after the subscription's backoff;
 *   <li>500 when delivery threw (the store unreachable, say): pushed again.
 * </ul>
 */
public final class PushedDeliveries implements Function<HttpRequest, HttpResponse> {
  private static final Logger LOG = System.getLogger(PushedDeliveries.class.getName());

  private final WebhookDeliverer deliverer;
  private final InvokerCheck invoker;
  private final ApiHandler problems;
  private final Clock clock;

  /** @param problems renders refusals as the API renders every problem */
  public PushedDeliveries(WebhookDeliverer deliverer, InvokerCheck invoker, ApiHandler problems, Clock clock) {
    this.deliverer = deliverer;
    this.invoker = invoker;
    this.problems = problems;
    this.clock = clock;
  }

  @Override
  public HttpResponse apply(HttpRequest request) {
    String requestId = ApiHandler.requestId(request);
    Optional<String> refusal = invoker.refusal(request.header("authorization"));
    if (refusal.isPresent()) {
      return problems.failure(ProblemException.unauthorized(refusal.get()), requestId);
    }
    PushedEvents.Pushed pushed;
    try {
      pushed = PushedEvents.read(request.body());
    } catch (IllegalArgumentException e) {
      return problems.failure(ProblemException.invalid("message", e.getMessage()), requestId);
    }
    if (!pushed.dueAt(clock.instant())) {
      long seconds = Math.max(1, Duration.between(clock.instant(), pushed.notBefore()).toSeconds());
      return problems.failure(ProblemException.unavailable("the event is due at " + pushed.notBefore(),
          (int) Math.min(seconds, 600)), requestId);
    }
    try {
      deliverer.deliver(pushed.ref());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "message " + pushed.messageId() + " failed; Pub/Sub pushes it again", e);
      return problems.failure(e, requestId);
    }
    return HttpResponse.empty(204);
  }
}
