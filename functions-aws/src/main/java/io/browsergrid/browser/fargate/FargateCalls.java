package io.browsergrid.browser.fargate;

import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.ReadyPoller;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Makes one ECS or EC2 call, retrying a bounded number of times with jittered exponential backoff when AWS answers
 * that it is throttling or failed on its side (5xx), the two answers where a retry helps. Every other failure (access
 * denied, an invalid parameter, a missing cluster, no connection) throws {@link BrowserProviderException} at once,
 * naming the operation and AWS's error code and message.
 *
 * <p>These retries come on top of the SDK client's own; a client built with the SDK's default retry strategy makes up
 * to three attempts per call here.
 */
final class FargateCalls {
  static final int MAX_ATTEMPTS = 4;

  private final FargatePause pause;

  FargateCalls(FargatePause pause) {
    this.pause = pause;
  }

  /** The answer of {@code call}; {@code operation} (like {@code ECS RunTask}) names it in messages. */
  <T> T call(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        if (!retryable(e)) {
          throw new BrowserProviderException(operation + " refused: " + describe(e), e);
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new BrowserProviderException(
              operation + " still failing after " + MAX_ATTEMPTS + " attempts: " + describe(e), e);
        }
      } catch (SdkException e) {
        throw new BrowserProviderException(operation + " failed: " + e.getMessage(), e);
      }
      backOff(attempt);
    }
  }

  /** Waits before attempt {@code failedAttempt + 1} ({@link ReadyPoller#backOff}). */
  void backOff(int failedAttempt) {
    try {
      pause.pause(ReadyPoller.backOff(failedAttempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserProviderException("interrupted while backing off from AWS", e);
    }
  }

  private static boolean retryable(AwsServiceException e) {
    return e.isThrottlingException() || e.statusCode() >= 500;
  }

  private static String describe(AwsServiceException e) {
    if (e.awsErrorDetails() == null) {
      return e.getMessage();
    }
    return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
  }
}
