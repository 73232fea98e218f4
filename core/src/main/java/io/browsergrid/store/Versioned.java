package io.browsergrid.store;

/**
 * A decoded document together with the item it came from, so that a change can be written back with a
 * compare-and-set on the version that was read.
 */
public record Versioned<T>(T value, Item item) {
  public long version() {
    return item.version();
  }
}
