package io.browsergrid.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A session's lifecycle: {@code pending → starting → running → stopping → stopped}, or {@code failed} from any state
 * before {@code stopped}. Transitions only go forward; steps may be skipped.
 */
public enum SessionStatus {
  PENDING, STARTING, RUNNING, STOPPING, STOPPED, FAILED;

  /** True for states that hold a concurrency slot: everything but {@code stopped} and {@code failed}. */
  public boolean live() {
    return this != STOPPED && this != FAILED;
  }

  /** True when moving from this state to {@code next} goes forward. */
  public boolean canMoveTo(SessionStatus next) {
    if (!live()) {
      return false;
    }
    if (next == FAILED) {
      return true;
    }
    return next.ordinal() > ordinal() && next != FAILED;
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SessionStatus parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
