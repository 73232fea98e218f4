package io.browsergrid.event;

import java.time.Instant;

/**
 * An event waiting in its tenant's outbox until every delivery of it is final.
 *
 * @param event       the event
 * @param nextCheckAt when cleanup should queue it again if nobody has handled it by then
 */
public record OutboxEntry(Event event, Instant nextCheckAt) {}
