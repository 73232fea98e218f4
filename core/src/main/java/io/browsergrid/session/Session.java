package io.browsergrid.session;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.pool.PoolBrowser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A session as stored. Changes make a new record ({@code with...}); {@link SessionRepository} writes it back with a
 * compare-and-set on the version it was read at.
 *
 * @param id                 opaque, URL-safe; sorts newest first ({@link SessionIds})
 * @param tenantId           the owner
 * @param status             where it is in its lifecycle
 * @param pool               the pool it was created on
 * @param provider           the browser provider's name
 * @param createdAt          when it was created
 * @param startedAt          when its browser first answered CDP, or null
 * @param endedAt            when it reached {@code stopped} or {@code failed}, or null
 * @param expiresAt          the hard cap: createdAt + timeoutSeconds
 * @param timeoutSeconds     the hard cap in seconds
 * @param idleTimeoutSeconds end after this long with no CDP client; 0 turns it off
 * @param endReason          why it ended, once it has
 * @param metadata           the client's labels
 * @param browser            the client's browser options
 * @param ephemeral          true for quick-connect sessions, which end when their client leaves
 * @param browserId          the provider-side browser id, once one is started
 * @param browserRef         the provider's reference to the browser, once started
 * @param cdpEndpoint        the browser's own CDP URL (internal; clients get {@code cdpUrl} through the proxy)
 * @param browserVersion     the browser's product string, e.g. {@code Chrome/150.0...}
 * @param transitions        every state entered, with its time
 */
public record Session(
    String id, String tenantId, SessionStatus status, String pool, String provider,
    Instant createdAt, Instant startedAt, Instant endedAt, Instant expiresAt,
    int timeoutSeconds, int idleTimeoutSeconds, EndReason endReason,
    Map<String, String> metadata, BrowserOptions browser, boolean ephemeral,
    String browserId, String browserRef, String cdpEndpoint, String browserVersion,
    List<Transition> transitions) {

  public Session {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
  }

  /** This session moved to {@code next} at {@code at}; throws {@link IllegalStateException} when not forward. */
  public Session moveTo(SessionStatus next, Instant at, String detail) {
    if (!status.canMoveTo(next)) {
      throw new IllegalStateException("session " + id + " cannot move from " + status.json() + " to " + next.json());
    }
    List<Transition> steps = new ArrayList<>(transitions);
    steps.add(new Transition(next, at, detail));
    Instant ended = next.live() ? endedAt : at;
    return new Session(id, tenantId, next, pool, provider, createdAt, startedAt, ended, expiresAt, timeoutSeconds,
        idleTimeoutSeconds, endReason, metadata, browser, ephemeral, browserId, browserRef, cdpEndpoint,
        browserVersion, steps);
  }

  /** This session with its browser recorded. */
  public Session withBrowser(String newBrowserId, String newBrowserRef) {
    return new Session(id, tenantId, status, pool, provider, createdAt, startedAt, endedAt, expiresAt, timeoutSeconds,
        idleTimeoutSeconds, endReason, metadata, browser, ephemeral, newBrowserId, newBrowserRef, cdpEndpoint,
        browserVersion, transitions);
  }

  /** This session, running on {@code endpoint} since {@code at}. */
  public Session running(String endpoint, String version, Instant at) {
    Session moved = moveTo(SessionStatus.RUNNING, at, null);
    return new Session(id, tenantId, moved.status, pool, provider, createdAt, at, endedAt, expiresAt, timeoutSeconds,
        idleTimeoutSeconds, endReason, metadata, browser, ephemeral, browserId, browserRef, endpoint, version,
        moved.transitions);
  }

  /**
   * The id this session's browser agent knows itself by, signs its reports and checks CDP tokens with: the pool
   * browser's id when the session claimed a warm browser (started before the session existed), else the session's.
   */
  public String agentId() {
    return PoolBrowser.isId(browserId) ? browserId : id;
  }

  /** This session with its end reason set (the first reason wins) and its browser endpoint forgotten. */
  public Session ending(EndReason reason) {
    return new Session(id, tenantId, status, pool, provider, createdAt, startedAt, endedAt, expiresAt, timeoutSeconds,
        idleTimeoutSeconds, endReason == null ? reason : endReason, metadata, browser, ephemeral, browserId,
        browserRef, null, browserVersion, transitions);
  }
}
