package io.browsergrid.session;

import java.time.Instant;

/**
 * One step of a session's timeline.
 *
 * @param status the state entered
 * @param at     when
 * @param detail why, for failures and ends; else {@code null}
 */
public record Transition(SessionStatus status, Instant at, String detail) {}
