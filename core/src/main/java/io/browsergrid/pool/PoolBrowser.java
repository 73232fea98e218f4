package io.browsergrid.pool;

import java.time.Instant;

/**
 * A browser a pool started ahead of demand. A create claims it with a compare-and-set from idle to claimed, so no
 * two sessions ever get the same one; the claimed record keeps the browser from looking like an orphan until its
 * session has recorded it, then the keeper drops the record. After its one session the browser is destroyed.
 *
 * @param browserId   the provider's browser id ({@code pb-} + random)
 * @param state       starting or idle
 * @param ref         the provider's reference, once started
 * @param cdpEndpoint where it answers CDP, once idle
 * @param version     its product string, once idle
 * @param startedAt   when its start began
 * @param idleSince   when it became idle
 * @param claimedBy   the session that claimed it
 * @param claimedAt   when
 */
public record PoolBrowser(String browserId, State state, String ref, String cdpEndpoint, String version,
    Instant startedAt, Instant idleSince, String claimedBy, Instant claimedAt) {

  /** How every pool browser's id starts: {@code pb-} and 16 lower-case hex digits. */
  public static final String ID_PREFIX = "pb-";

  /** True when {@code id} has the shape of a pool browser's id. */
  public static boolean isId(String id) {
    return id != null && id.length() == ID_PREFIX.length() + 16 && id.startsWith(ID_PREFIX)
        && id.substring(ID_PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  /** Where a pool browser is. */
  public enum State { STARTING, IDLE, CLAIMED }

  /** This browser idle again after a claim whose session was never written (no client ever saw it). */
  public PoolBrowser idleAgain() {
    return new PoolBrowser(browserId, State.IDLE, ref, cdpEndpoint, version, startedAt, idleSince, null, null);
  }

  public PoolBrowser claimed(String sessionId, Instant at) {
    return new PoolBrowser(browserId, State.CLAIMED, ref, cdpEndpoint, version, startedAt, idleSince, sessionId, at);
  }
}
