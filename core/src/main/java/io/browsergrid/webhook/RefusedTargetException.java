package io.browsergrid.webhook;

/**
 * A webhook URL that must not be called now. Usually for good: wrong scheme, no host, or a host that is or resolves
 * to an address the {@link AddressGuard} refuses. {@link #temporary()} marks the one case that may pass with time: a
 * host that does not resolve. The message says why and can be shown to the subscriber.
 */
public final class RefusedTargetException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean temporary;

  /** A lasting refusal: the URL or the addresses it names are not allowed. */
  public RefusedTargetException(String reason) {
    this(reason, false);
  }

  private RefusedTargetException(String reason, boolean temporary) {
    super(reason);
    this.temporary = temporary;
  }

  /** A refusal that may pass with time: the host did not resolve. */
  static RefusedTargetException temporary(String reason) {
    return new RefusedTargetException(reason, true);
  }

  /** Whether trying again later may succeed (the host did not resolve); false for every policy refusal. */
  public boolean temporary() {
    return temporary;
  }
}
