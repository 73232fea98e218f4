package io.browsergrid.session;

import io.browsergrid.auth.CdpTokens;
import io.browsergrid.admission.StartQueue;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.pool.ClaimedBrowser;
import io.browsergrid.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a {@code pending} session to {@code running}: starts its browser, records it ({@code starting}), waits for
 * the first CDP answer and records the endpoint ({@code running}); a browser that cannot start ends the session
 * {@code failed}. When the session was ended meanwhile, the browser it started is stopped, never leaked.
 */
public final class SessionStarter {
  private final SessionRepository sessions;
  private final BrowserProvider provider;
  private final SessionEnder ender;
  private final Clock clock;
  private final Duration startTimeout;
  private final Metrics metrics;
  private final CdpTokens tokens;
  private final StartQueue startQueue;

  /**
   * @param tokens     the session's CDP token goes to the provider (label {@code token}) for a browser's own agent
   * @param startQueue bounds how many cold starts run at once
   */
  public SessionStarter(SessionRepository sessions, BrowserProvider provider, SessionEnder ender, Clock clock,
      Duration startTimeout, Metrics metrics, CdpTokens tokens, StartQueue startQueue) {
    this.sessions = sessions;
    this.provider = provider;
    this.ender = ender;
    this.clock = clock;
    this.startTimeout = startTimeout;
    this.metrics = metrics;
    this.tokens = tokens;
    this.startQueue = startQueue;
  }

  /**
   * Waits for the session's turn in the start line (it {@link StartQueue#join joined} at create), then runs the start
   * to its end and returns the session as it stands then. A session ended while it waited is not started; one whose
   * turn does not come by its {@link #turnDeadline} fails.
   */
  public Session start(Versioned<Session> queued) {
    Session session = queued.value();
    try {
      if (!startQueue.awaitTurn(session.id(), turnDeadline(session))) {
        return endFailed(session, "its turn to start did not come within "
            + Duration.between(session.createdAt(), turnDeadline(session)).toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return session;
    }
    Instant admittedAt = clock.instant();
    Duration took = null;
    try {
      Session result = startAdmitted(queued);
      if (result.status() == SessionStatus.RUNNING) {
        took = Duration.between(admittedAt, clock.instant());
      }
      return result;
    } finally {
      startQueue.leave(session.id(), took);
    }
  }

  /**
   * The latest a session may still wait for its turn: the longest wait admission allows plus the start timeout, so
   * a start rate measured too high delays a start instead of failing it.
   */
  public Instant turnDeadline(Session session) {
    return session.createdAt().plus(startQueue.settings().maxQueueWait()).plus(startTimeout);
  }

  private Session startAdmitted(Versioned<Session> queued) {
    // re-read: the session may have been released while it waited
    Optional<Versioned<Session>> current = sessions.get(queued.value().tenantId(), queued.value().id());
    if (current.isEmpty() || current.get().value().status() != SessionStatus.PENDING) {
      return current.map(Versioned::value).orElse(queued.value());
    }
    Versioned<Session> pending = current.get();
    Session session = pending.value();
    BrowserHandle handle;
    try {
      handle = provider.start(new BrowserSpec(session.id(), session.browser(),
          Map.of("tenant", session.tenantId(), "session", session.id()), tokens.token(session.id())));
    } catch (BrowserProviderException e) {
      return endFailed(session, "the browser provider refused: " + e.getMessage());
    }
    Optional<Versioned<Session>> starting = sessions.update(pending,
        session.withBrowser(handle.browserId(), handle.ref()).moveTo(SessionStatus.STARTING, clock.instant(), null));
    if (starting.isEmpty()) {
      return abandon(session, handle);
    }
    BrowserState state = provider.awaitReady(handle, startTimeout);
    return switch (state.phase()) {
      case RUNNING -> sessions.update(starting.get(),
              starting.get().value().running(state.cdpEndpoint(), state.version(), clock.instant()))
          .map(Versioned::value)
          .map(running -> observe(running, false))
          .orElseGet(() -> abandon(session, handle));
      case STARTING -> endFailed(session, "the browser did not answer within " + startTimeout.toSeconds() + " s");
      case FAILED, GONE -> endFailed(session, "the browser could not start: " + state.detail());
    };
  }

  /**
   * {@code pending} as it runs on a claimed warm browser from the start: through {@code starting} to {@code running}
   * at the same instant, with the browser's endpoint. Writes nothing; {@link #observeWarm} once it is stored.
   */
  public Session runningOn(Session pending, ClaimedBrowser warm) {
    Instant now = clock.instant();
    return pending.withBrowser(warm.handle().browserId(), warm.handle().ref())
        .moveTo(SessionStatus.STARTING, now, null).running(warm.cdpEndpoint(), warm.version(), now);
  }

  /** Records the start of a session stored {@code running} on a warm browser. */
  public void observeWarm(Session running) {
    observe(running, true);
  }

  private Session observe(Session running, boolean pooled) {
    metrics.sessionStarted(running.provider(), pooled,
        Duration.between(running.createdAt(), running.startedAt()).toNanos() / 1e9);
    return running;
  }

  /**
   * Moves a {@code starting} session on from what its provider says now: running, failed, or still starting (then
   * nothing). Cleanup calls it, so a start survives the process that began it (a frozen function, a crash).
   */
  public Session resume(Versioned<Session> starting) {
    Session session = starting.value();
    if (session.status() != SessionStatus.STARTING || session.browserId() == null) {
      return session;
    }
    BrowserHandle handle = new BrowserHandle(session.browserId(), session.browserRef());
    BrowserState state = provider.state(handle);
    return switch (state.phase()) {
      case RUNNING -> sessions.update(starting, session.running(state.cdpEndpoint(), state.version(), clock.instant()))
          .map(v -> observe(v.value(), false)).orElse(session);
      case FAILED, GONE -> endFailed(session, "the browser could not start: " + state.detail());
      case STARTING -> session;
    };
  }

  private Session endFailed(Session session, String detail) {
    return ender.end(session.tenantId(), session.id(), EndReason.FAILED, detail).orElse(session);
  }

  /** The session changed while its browser started (released, most likely): make sure the browser goes too. */
  private Session abandon(Session session, BrowserHandle handle) {
    Session now = sessions.get(session.tenantId(), session.id()).map(Versioned::value).orElse(session);
    if (!now.status().live() || now.status() == SessionStatus.STOPPING) {
      provider.stop(handle);
    }
    return now;
  }
}
