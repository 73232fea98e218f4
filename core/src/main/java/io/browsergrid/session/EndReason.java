package io.browsergrid.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a session ended (API.md). */
public enum EndReason {
  /** The client asked. */
  RELEASED,
  /** The hard cap {@code timeoutSeconds} was reached. */
  TIMEOUT,
  /** No CDP client for {@code idleTimeoutSeconds}. */
  IDLE,
  /** An ephemeral (quick connect) session whose client left. */
  DISCONNECTED,
  /** The browser could not start or crashed. */
  FAILED,
  /** Found orphaned or inconsistent by cleanup, ended by a server shutdown, or left running by a crash. */
  CLEANUP;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static EndReason parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
