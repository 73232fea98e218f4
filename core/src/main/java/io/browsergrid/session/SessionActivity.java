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
   * Records a report of {@code sessionId}'s clients (a cloud agent's {@code activity} callback), unless what is known
   * already is newer ({@link Clients#supersedes}): reports may arrive out of order, and time never moves back.
   *
   * @return true when recorded, false when ignored as older than what is known
   */
  boolean record(String sessionId, Clients clients);

  /**
   * @param connected  clients connected now
   * @param lastChange when a client last connected or left
   */
  record Clients(int connected, Instant lastChange) {

    /** True when this report may replace {@code known} (null for none): it is not older than it. */
    public boolean supersedes(Clients known) {
      return known == null || !lastChange.isBefore(known.lastChange());
    }
  }
}
