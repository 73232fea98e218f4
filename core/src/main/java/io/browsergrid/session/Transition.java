package io.browsergrid.session;

import java.time.Instant;

/**
 * One step of a session's timeline.
 *
 * @param status the state entered
 * @param at     when
 * @param detail why, for failures and ends; else {@code null}. Cut to {@link #MAX_DETAIL} characters, since it may
 *               quote a provider's or a browser's error and the session record must stay within the store's item limit
 */
public record Transition(SessionStatus status, Instant at, String detail) {
  public static final int MAX_DETAIL = 500;

  public Transition {
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "…";
    }
  }
}
