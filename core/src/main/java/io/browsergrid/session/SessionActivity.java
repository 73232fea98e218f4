package io.browsergrid.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether CDP clients are connected to a session, for idle timeouts. Standalone counts the connections its proxy
 * holds; a cloud agent reports them.
 */
public interface SessionActivity {

  /**
   * What is known about {@code sessionId}'s clients; empty when no client ever connected through this deployment.
   */
  Optional<Clients> clients(String sessionId);

  /** Forgets a session that ended. Idempotent. */
  void forget(String sessionId);

  /**
   * @param connected  clients connected now
   * @param lastChange when a client last connected or left
   */
  record Clients(int connected, Instant lastChange) {}
}
