package io.browsergrid.session;

import io.browsergrid.event.Event;
import io.browsergrid.event.EventIds;
import java.util.Optional;

/** Which event a session change emits: created, running, stopped or failed; other steps emit none. */
public final class SessionEvents {
  private final EventIds ids;

  public SessionEvents(EventIds ids) {
    this.ids = ids;
  }

  /** The event for the change from {@code before} (null for a new session) to {@code after}, if any. */
  public Optional<Event> of(Session before, Session after) {
    String type;
    if (before == null) {
      type = Event.SESSION_CREATED;
    } else if (before.status() == after.status()) {
      return Optional.empty();
    } else {
      type = switch (after.status()) {
        case RUNNING -> Event.SESSION_RUNNING;
        case STOPPED -> Event.SESSION_STOPPED;
        case FAILED -> Event.SESSION_FAILED;
        default -> null;
      };
      if (type == null) {
        return Optional.empty();
      }
    }
    var at = after.transitions().get(after.transitions().size() - 1).at();
    return Optional.of(new Event(ids.next(at), after.tenantId(), type, at, SessionSnapshot.of(after)));
  }
}
