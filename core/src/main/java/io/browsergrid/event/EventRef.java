package io.browsergrid.event;

/**
 * What a queue carries: only the address of an event in its tenant's outbox. The outbox is the durable part, so a
 * lost or repeated message loses or duplicates nothing that cleanup does not repair.
 *
 * @param tenantId the outbox's tenant
 * @param eventId  the event
 */
public record EventRef(String tenantId, String eventId) {}
