package io.browsergrid.session;

import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's live sessions counted one by one during a cleanup pass, to compare with (and correct) the counts its
 * {@link SlotSet} keeps. Only a tally of every live session is a census: one that could not read them all says so.
 */
final class LiveTally {
  private final Map<String, Integer> byStatus = new TreeMap<>();
  private final Map<String, Integer> byPool = new TreeMap<>();
  private int count;
  private boolean complete = true;

  void add(Session session) {
    count++;
    byStatus.merge(session.status().json(), 1, Integer::sum);
    if (session.pool() != null) {
      byPool.merge(session.pool(), 1, Integer::sum);
    }
  }

  /** A live session could not be read: the tally is no census. */
  void missed() {
    complete = false;
  }

  /** True when this is a complete census that disagrees with {@code kept}. */
  boolean contradicts(Occupancy kept) {
    return complete && (kept.count() != count || !kept.byStatus().equals(byStatus) || !kept.byPool().equals(byPool));
  }

  Occupancy counted() {
    return new Occupancy(count, byStatus, byPool, 0);
  }
}
