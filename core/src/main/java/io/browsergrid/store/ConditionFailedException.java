package io.browsergrid.store;

/** An atomic write's condition did not hold: nothing of that write was applied. Retry after reading again. */
public class ConditionFailedException extends RuntimeException {
  private final String key;

  public ConditionFailedException(String key) {
    super("condition failed for " + key);
    this.key = key;
  }

  /** The key whose condition failed, when the store tells; else {@code null}. */
  public String key() {
    return key;
  }
}
