package io.browsergrid.session;

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

  /** @param tokens the session's CDP token goes to the provider (label {@code token}) for a browser's own agent */
  public SessionStarter(SessionRepository sessions, BrowserProvider provider, SessionEnder ender, Clock clock,
      Duration startTimeout, Metrics metrics, CdpTokens tokens) {
    this.sessions = sessions;
    this.provider = provider;
    this.ender = ender;
    this.clock = clock;
    this.startTimeout = startTimeout;
    this.metrics = metrics;
    this.tokens = tokens;
  }

  /** Runs the start to its end and returns the session as it stands then. */
  public Session start(Versioned<Session> pending) {
    Session session = pending.value();
    BrowserHandle handle;
    try {
      handle = provider.start(new BrowserSpec(session.id(), session.browser(),
          Map.of("tenant", session.tenantId(), "session", session.id(), BrowserSpec.TOKEN_LABEL, tokens.token(session.id()))));
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
