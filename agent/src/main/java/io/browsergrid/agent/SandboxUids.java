package io.browsergrid.agent;

import java.util.BitSet;

/**
 * Hands each sandboxed browser a pair of host uids of its own, unused by any other live browser: one Chromium runs
 * as, one its forwarders run as (so Chromium cannot touch the sockets the server connects to). Thread-safe.
 */
final class SandboxUids {
  /** Far above any login user and the usual subordinate-uid ranges (100000 + 65536 per user). */
  static final int DEFAULT_BASE = 1_500_000_000;
  private static final int SLOTS = 1 << 16;

  private final int base;
  private final BitSet used = new BitSet(SLOTS);

  SandboxUids(int base) {
    this.base = base;
  }

  /** A free slot; throws {@link IllegalStateException} when all 65,536 are taken. */
  synchronized int acquire() {
    int slot = used.nextClearBit(0);
    if (slot >= SLOTS) {
      throw new IllegalStateException("every sandbox uid is in use");
    }
    used.set(slot);
    return slot;
  }

  /** Gives {@code slot} back; only once its browser's processes are gone. */
  synchronized void release(int slot) {
    used.clear(slot);
  }

  int browserUid(int slot) {
    return base + 2 * slot;
  }

  int forwarderUid(int slot) {
    return base + 2 * slot + 1;
  }
}
