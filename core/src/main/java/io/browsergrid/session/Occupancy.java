package io.browsergrid.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The live sessions holding a concurrency slot, by id, with when each took it. Kept as one item per tenant (written
 * atomically with the session) and one for the whole server, so a limit can never be overrun by racing creates, and
 * a slot a crash left behind can be found and freed by cleanup (its session is not live).
 */
public record Occupancy(Map<String, Instant> holders) {
  public static final Occupancy EMPTY = new Occupancy(Map.of());

  public Occupancy {
    holders = holders == null ? Map.of() : Map.copyOf(holders);
  }

  public int size() {
    return holders.size();
  }

  public boolean holds(String sessionId) {
    return holders.containsKey(sessionId);
  }

  public Occupancy with(String sessionId, Instant at) {
    Map<String, Instant> next = new HashMap<>(holders);
    next.put(sessionId, at);
    return new Occupancy(next);
  }

  public Occupancy without(String sessionId) {
    Map<String, Instant> next = new HashMap<>(holders);
    next.remove(sessionId);
    return new Occupancy(next);
  }
}
