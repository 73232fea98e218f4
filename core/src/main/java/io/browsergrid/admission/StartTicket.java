package io.browsergrid.admission;

/**
 * One create's place in the start line.
 *
 * @param id         the session's id
 * @param leaseUntil epoch millis after which the ticket is dropped: its holder died, or stopped heartbeating
 * @param admitted   whether its start runs now (else it waits its turn)
 */
public record StartTicket(String id, long leaseUntil, boolean admitted) {}
