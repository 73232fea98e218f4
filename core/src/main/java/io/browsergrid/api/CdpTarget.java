package io.browsergrid.api;

/**
 * Where an authorised CDP connection goes.
 *
 * @param sessionId       the session
 * @param tenantId        its tenant
 * @param browserEndpoint the browser's own CDP WebSocket URL
 * @param endsWithClient  true for a {@code /connect} socket: the session ends when this connection closes
 */
public record CdpTarget(String sessionId, String tenantId, String browserEndpoint, boolean endsWithClient) {}
