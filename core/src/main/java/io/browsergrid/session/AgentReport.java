package io.browsergrid.session;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a browser container's agent reports about its session in one signed callback (the body
 * {@code {"type","browserId","at","clients"}}): the agent sends it, {@link AgentReports} acts on it.
 *
 * @param type      what happened
 * @param browserId the browser the agent serves; must be the session's
 * @param at        when it happened, by the agent's clock
 * @param clients   how many CDP clients were connected then (0 or more)
 */
public record AgentReport(Type type, String browserId, Instant at, int clients) {

  /** The kinds of report; {@link #wireName()} is the body's {@code type}. */
  public enum Type {
    /** Chromium answers CDP. */
    READY,
    /** Clients connected or left, or are still connected after an interval. */
    ACTIVITY,
    /** Chromium is gone. */
    EXITED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AgentReport {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(browserId, "browserId");
    Objects.requireNonNull(at, "at");
    if (clients < 0) {
      throw new IllegalArgumentException("clients must be 0 or more: " + clients);
    }
  }
}
