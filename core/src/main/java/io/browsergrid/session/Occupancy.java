package io.browsergrid.session;

import java.util.Map;

/**
 * The count item of a {@link SlotSet}, as read: how many ids hold a slot, how many of them are in each status and on
 * each pool (a tenant's live sessions; empty for server slots), and the item's version (0 when it was never written),
 * which the next add, move or remove must still find.
 */
public record Occupancy(int count, Map<String, Integer> byStatus, Map<String, Integer> byPool, long version) {
  public static final Occupancy EMPTY = new Occupancy(0, Map.of(), Map.of(), 0);

  public Occupancy {
    if (count < 0 || version < 0) {
      throw new IllegalArgumentException("count and version must be >= 0");
    }
    byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
    byPool = byPool == null ? Map.of() : Map.copyOf(byPool);
  }

  /** How many holders are in {@code status} (a status's JSON name). */
  public int inStatus(String status) {
    return byStatus.getOrDefault(status, 0);
  }

  /** How many holders run on pool {@code name}. */
  public int onPool(String name) {
    return byPool.getOrDefault(name, 0);
  }
}
