package io.browsergrid.session;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Versioned;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

/**
 * Ends sessions, the one way every path does it (release, timeouts, crashes, cleanup, shutdown, recovery). A normal
 * end writes {@code stopping} with its reason first, stops the browser, then writes {@code stopped} and frees the
 * tenant's slot in one atomic write; a crash between the steps leaves a {@code stopping} session that cleanup
 * finishes. Every write is a compare-and-set, so racing enders end a session exactly once.
 */
public final class SessionEnder {
  private static final Logger LOG = System.getLogger(SessionEnder.class.getName());
  private static final int MAX_ATTEMPTS = 100;

  private final SessionRepository sessions;
  private final ServerSlots slots;
  private final BrowserProvider provider;
  private final SessionActivity activity;
  private final Clock clock;

  public SessionEnder(SessionRepository sessions, ServerSlots slots, BrowserProvider provider,
      SessionActivity activity, Clock clock) {
    this.sessions = sessions;
    this.slots = slots;
    this.provider = provider;
    this.activity = activity;
    this.clock = clock;
  }

  /**
   * Ends session {@code id} of {@code tenantId} with {@code reason} unless it has ended already (then the first
   * reason stays). {@link EndReason#FAILED} ends in {@code failed}, every other reason in {@code stopped}.
   *
   * @return the session as it stands afterwards, or empty when there is no such session
   */
  public Optional<Session> end(String tenantId, String id, EndReason reason, String detail) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Versioned<Session>> read = sessions.get(tenantId, id);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      Versioned<Session> current = read.get();
      Session session = current.value();
      if (!session.status().live()) {
        slots.release(id);
        return Optional.of(session);
      }
      try {
        Optional<Session> ended = reason == EndReason.FAILED ? fail(current, detail) : stop(current, reason, detail);
        if (ended.isPresent()) {
          slots.release(id);
          activity.forget(id);
          return ended;
        }
      } catch (ConditionFailedException raced) {
        // someone changed the session or the occupancy: read again and decide again
      }
    }
    throw new IllegalStateException("could not end session " + id + " after " + MAX_ATTEMPTS + " attempts");
  }

  private Optional<Session> fail(Versioned<Session> current, String detail) {
    stopBrowser(current.value());
    Session failed = current.value().ending(EndReason.FAILED).moveTo(SessionStatus.FAILED, clock.instant(), detail);
    return Optional.of(sessions.end(current, failed).value());
  }

  private Optional<Session> stop(Versioned<Session> current, EndReason reason, String detail) {
    Versioned<Session> stopping = current;
    if (current.value().status() != SessionStatus.STOPPING) {
      Session next = current.value().ending(reason).moveTo(SessionStatus.STOPPING, clock.instant(), detail);
      Optional<Versioned<Session>> written = sessions.update(current, next);
      if (written.isEmpty()) {
        return Optional.empty();
      }
      stopping = written.get();
    }
    stopBrowser(stopping.value());
    Session stopped = stopping.value().moveTo(SessionStatus.STOPPED, clock.instant(), null);
    return Optional.of(sessions.end(stopping, stopped).value());
  }

  private void stopBrowser(Session session) {
    if (session.browserId() == null) {
      return;
    }
    try {
      provider.stop(new BrowserHandle(session.browserId(), session.browserRef()));
    } catch (BrowserProviderException e) {
      // the session still ends; cleanup's orphan sweep stops the browser once the provider answers again
      LOG.log(Level.WARNING, "could not stop browser " + session.browserId() + ": " + e.getMessage());
    }
  }
}
