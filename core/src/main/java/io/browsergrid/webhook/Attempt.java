package io.browsergrid.webhook;

import java.time.Duration;

/**
 * What one delivery attempt got.
 *
 * @param status the HTTP status, 0 when no answer came
 * @param error why no answer came, null when one did
 * @param retryAfter the receiver's {@code Retry-After}, null when absent or unreadable
 * @param refused whether the {@link AddressGuard} refused the target for good, so nothing was sent
 */
public record Attempt(int status, String error, Duration retryAfter, boolean refused) {
  public Attempt {
    if (status == 0 && (error == null || error.isBlank())) {
      throw new IllegalArgumentException("an attempt without an answer needs an error");
    }
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    if (refused && status != 0) {
      throw new IllegalArgumentException("a refused target gives no answer");
    }
  }

  /** An attempt that reached the network: an answer, or a failure worth retrying. */
  public Attempt(int status, String error, Duration retryAfter) {
    this(status, error, retryAfter, false);
  }

  /** An HTTP answer. */
  public static Attempt answered(int status, Duration retryAfter) {
    return new Attempt(status, null, retryAfter);
  }

  /** No HTTP answer, worth retrying: timeout, refused connection, TLS or DNS failure. */
  public static Attempt failed(String error) {
    return new Attempt(0, error, null);
  }

  /** Nothing sent because the target is not allowed ({@link RefusedTargetException}); final. */
  public static Attempt refused(String reason) {
    return new Attempt(0, "refused: " + reason, null, true);
  }

  /** Whether the receiver answered at all. */
  public boolean answered() {
    return status != 0;
  }
}
