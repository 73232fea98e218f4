package io.browsergrid.browser.cloudrun;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.ReadyPoller;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes one Run Admin API call, retrying a bounded number of times with jittered exponential backoff when Google
 * answers that it is unavailable, aborted or past its deadline, the answers where a retry helps. Every other failure
 * throws {@link BrowserProviderException} at once, naming the operation, Google's status and its message, and saying
 * what to do for the ones an operator must act on: a quota ({@code RESOURCE_EXHAUSTED}: 1,000 services a region, shared
 * with functions, or CPU and memory per region), a missing permission, a missing API.
 */
final class CloudRunCalls {
  static final int MAX_ATTEMPTS = 4;
  private static final Set<StatusCode.Code> RETRYABLE =
      Set.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.ABORTED, StatusCode.Code.DEADLINE_EXCEEDED);

  private final CloudRunPause pause;

  CloudRunCalls(CloudRunPause pause) {
    this.pause = pause;
  }

  /** The answer of {@code call}; {@code operation} (like {@code Cloud Run CreateService}) names it in messages. */
  <T> T call(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ApiException e) {
        if (!RETRYABLE.contains(code(e))) {
          throw new BrowserProviderException(operation + " refused: " + describe(e), e);
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new BrowserProviderException(
              operation + " still failing after " + MAX_ATTEMPTS + " attempts: " + describe(e), e);
        }
      } catch (BrowserProviderException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new BrowserProviderException(operation + " failed: " + e.getMessage(), e);
      }
      backOff(attempt);
    }
  }

  /** The status code of {@code e}. */
  static StatusCode.Code code(ApiException e) {
    return e.getStatusCode() == null ? StatusCode.Code.UNKNOWN : e.getStatusCode().getCode();
  }

  /** Waits before attempt {@code failedAttempt + 1} ({@link ReadyPoller#backOff}). */
  private void backOff(int failedAttempt) {
    try {
      pause.pause(ReadyPoller.backOff(failedAttempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserProviderException("interrupted while backing off from Cloud Run", e);
    }
  }

  private static String describe(ApiException e) {
    String hint = switch (code(e)) {
      case RESOURCE_EXHAUSTED -> " (a Cloud Run quota is used up: services per region, or CPU or memory per region;"
          + " end sessions or raise the quota)";
      case PERMISSION_DENIED -> " (the functions' service account needs roles/run.admin on the project and"
          + " roles/iam.serviceAccountUser on the browsers' account)";
      case UNAUTHENTICATED -> " (the functions' credentials were refused)";
      default -> "";
    };
    return code(e) + ": " + e.getMessage() + hint;
  }
}
