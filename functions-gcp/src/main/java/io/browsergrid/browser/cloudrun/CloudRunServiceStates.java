package io.browsergrid.browser.cloudrun;

import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Service;
import io.browsergrid.browser.BrowserState;
import java.net.URI;

/**
 * Reads a browser's state from its Cloud Run service, which reflects its creation's long-running operation:
 * <ul>
 *   <li>being deleted reads {@code GONE};
 *   <li>a terminal condition {@code CONDITION_FAILED} reads {@code FAILED} with Cloud Run's reason and message (an
 *       image that cannot be pulled, a container that never listened, no capacity);
 *   <li>{@code CONDITION_SUCCEEDED}, done reconciling, with a URL, reads {@code RUNNING} at {@code wss://<host>/cdp}
 *       (the agent's endpoint through Cloud Run's TLS front; {@code ws://} for a plain-HTTP URL), its version the
 *       agent's image (the agent reports Chromium's own in its callbacks);
 *   <li>anything else is still {@code STARTING}.
 * </ul>
 */
final class CloudRunServiceStates {
  private CloudRunServiceStates() {}

  static BrowserState of(Service service) {
    if (service.hasDeleteTime()) {
      return BrowserState.gone("the Cloud Run service is being deleted");
    }
    Condition terminal = service.getTerminalCondition();
    if (terminal.getState() == Condition.State.CONDITION_FAILED) {
      String reason = terminal.getReason().name().startsWith("COMMON_REASON_UNDEFINED")
          ? "" : terminal.getReason().name() + ": ";
      return BrowserState.failed("Cloud Run could not start the browser: " + reason + terminal.getMessage());
    }
    if (terminal.getState() == Condition.State.CONDITION_SUCCEEDED && !service.getReconciling()
        && !service.getUri().isEmpty()) {
      URI uri = URI.create(service.getUri());
      String scheme = "http".equals(uri.getScheme()) ? "ws" : "wss";
      String image = service.getTemplate().getContainersCount() == 0
          ? "?" : service.getTemplate().getContainers(0).getImage();
      return BrowserState.running(scheme + "://" + uri.getRawAuthority() + "/cdp", "agent " + image);
    }
    return BrowserState.starting();
  }
}
