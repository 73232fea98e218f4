package io.browsergrid.pool;

/**
 * A pool's live counts.
 *
 * @param idle     started and unclaimed
 * @param starting being started
 * @param busy     live sessions on the pool
 */
public record PoolCounts(int idle, int starting, int busy) {

  /** These counts and {@code other}'s together (pools shown under one label). */
  public PoolCounts plus(PoolCounts other) {
    return new PoolCounts(idle + other.idle, starting + other.starting, busy + other.busy);
  }
}
