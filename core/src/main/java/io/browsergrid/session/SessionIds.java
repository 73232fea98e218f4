package io.browsergrid.session;

import io.browsergrid.store.NewestFirstIds;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/** Session ids: {@link NewestFirstIds}, so that a tenant's sessions list newest first. */
public final class SessionIds {
  private final NewestFirstIds ids;

  public SessionIds(SecureRandom random) {
    this.ids = new NewestFirstIds(random);
  }

  /** A new id for a session created at {@code at}. */
  public String next(Instant at) {
    return ids.next(at);
  }

  /** When a session with this id was created (millisecond precision), or empty for a malformed id. */
  public static Optional<Instant> createdAt(String id) {
    return NewestFirstIds.createdAt(id);
  }

  /** True when {@code id} has the shape of a session id (a malformed one answers 400, not 404). */
  public static boolean wellFormed(String id) {
    return NewestFirstIds.wellFormed(id);
  }
}
