package io.browsergrid.agent.server;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing an agent tells the control plane about its browser.
 *
 * @param type      what happened
 * @param browserId the browser it concerns
 * @param at        when
 * @param clients   how many CDP clients were connected then
 */
public record AgentEvent(Type type, String browserId, Instant at, int clients) {
  /** The kinds of event; {@link #wireName()} is what the callback's {@code type} field says. */
  public enum Type {
    /** Chromium answers CDP: clients may connect. */
    READY,
    /** A client connected or disconnected, or clients are still connected after an interval. */
    ACTIVITY,
    /** Chromium is gone and the agent is ending. */
    EXITED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AgentEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(browserId, "browserId");
    Objects.requireNonNull(at, "at");
  }
}
