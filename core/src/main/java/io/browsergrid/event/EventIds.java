package io.browsergrid.event;

import io.browsergrid.store.NewestFirstIds;
import java.security.SecureRandom;
import java.time.Instant;

/** Event ids: {@code evt_} and a {@link NewestFirstIds} id, so that a tenant's events list newest first. */
public final class EventIds {
  private final NewestFirstIds ids;

  public EventIds(SecureRandom random) {
    this.ids = new NewestFirstIds(random);
  }

  /** A new id for an event that happened at {@code at}. */
  public String next(Instant at) {
    return "evt_" + ids.next(at);
  }
}
