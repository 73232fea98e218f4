package io.browsergrid.agent.egress;

import java.util.concurrent.atomic.LongAdder;

/** How many connections the egress let through and refused since start. Thread-safe. */
public final class EgressCounters {
  private final LongAdder allowed = new LongAdder();
  private final LongAdder refused = new LongAdder();

  void allowed() {
    allowed.increment();
  }

  void refused() {
    refused.increment();
  }

  /** Connections established to a checked address (or through a client's proxy). */
  public long allowedTotal() {
    return allowed.sum();
  }

  /** Connections refused by the address policy. */
  public long refusedTotal() {
    return refused.sum();
  }
}
