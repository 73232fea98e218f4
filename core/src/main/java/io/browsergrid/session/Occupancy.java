package io.browsergrid.session;

/**
 * How many ids hold a slot in a {@link SlotSet}, as read: the count and the version of its count item (0 when it was
 * never written), which the next add or remove must still find.
 */
public record Occupancy(int count, long version) {
  public static final Occupancy EMPTY = new Occupancy(0, 0);

  public Occupancy {
    if (count < 0 || version < 0) {
      throw new IllegalArgumentException("count and version must be >= 0");
    }
  }
}
