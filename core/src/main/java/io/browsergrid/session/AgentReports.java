package io.browsergrid.session;

import io.browsergrid.pool.ClaimedBrowsers;
import io.browsergrid.problem.Refusal;
import io.browsergrid.store.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Acts on what a browser container's agent reports about its session, after the edge has verified the callback's
 * signature ({@link AgentSignatures}) and so knows the session id is the sender's. In the clouds CDP clients connect
 * to the container directly, so these reports are the control plane's only news of readiness, clients and crashes.
 *
 * <ul>
 *   <li>{@code ready}: a {@code starting} session is moved on exactly as cleanup does ({@link SessionStarter#resume}):
 *       the provider is asked for the browser's endpoint and the session becomes {@code running}, its state and its
 *       {@code session.running} event in one atomic write. If the provider does not report the browser running yet,
 *       nothing changes (cleanup moves it on later). Any other state: nothing.</li>
 *   <li>{@code activity}: the client count and its time are recorded in {@link SessionActivity}, where idle timeouts
 *       ({@link SessionReaper}) read them; a report older than the one recorded is ignored, and a time ahead of
 *       this clock counts as now (an agent's skewed clock must not shadow the reports after it). A
 *       {@code stopping} or ended session: nothing.</li>
 *   <li>{@code exited}: a {@code pending}, {@code starting} or {@code running} session ends {@link EndReason#FAILED}
 *       through {@link SessionEnder} (event, webhooks, slots and occupancy as for any end). A {@code stopping} or
 *       ended session: nothing, since a browser that was stopped on purpose exits too.</li>
 * </ul>
 *
 * <p>Idempotent: agents retry, and a report delivered twice changes nothing the second time. Thread-safe; racing
 * reports and cleanup meet in compare-and-set writes.
 */
public final class AgentReports {
  private final SessionRepository sessions;
  private final SessionStarter starter;
  private final SessionEnder ender;
  private final SessionActivity activity;
  private final ClaimedBrowsers claimed;
  private final Clock clock;

  /** @param claimed finds the session holding a warm pool browser, whose agent reports under the browser's id */
  public AgentReports(SessionRepository sessions, SessionStarter starter, SessionEnder ender,
      SessionActivity activity, ClaimedBrowsers claimed, Clock clock) {
    this.claimed = claimed;
    this.sessions = sessions;
    this.starter = starter;
    this.ender = ender;
    this.activity = activity;
    this.clock = clock;
  }

  /** What a report does to a session in the state it is in. */
  enum Action {
    /** Ask the provider and move a starting session to running. */
    MOVE_ON,
    /** Record the client count. */
    RECORD,
    /** End the session as failed. */
    END,
    /** Nothing to do. */
    NOTHING
  }

  /**
   * Acts on {@code report} from the agent known as {@code agentId}: a session's id, or a warm pool browser's id (its
   * agent started before any session existed), which stands for the session holding that browser. A report from a
   * pool browser no session holds (idle, being drained) changes nothing: the pool keeper watches those.
   *
   * @return the session as it stands after this report (as read, when nothing changed); empty for a pool browser
   *         no session holds
   * @throws Refusal not found when there is no session {@code sessionId}; conflict when the report names a browser
   *                          other than the session's, or the session has no browser recorded yet: the signature
   *                          proves the sender holds the session's token, so this is not a matter of identity
   *                          (unauthenticated or forbidden)
   *                          but of a report that does not fit the session's state (a replaced or stray container),
   *                          and an agent does not retry it
   */
  public Optional<Session> accept(String agentId, AgentReport report) {
    Objects.requireNonNull(report, "report");
    if (SessionIds.wellFormed(agentId)) {
      return Optional.of(act(agentId, report));
    }
    return claimed.sessionOf(agentId).map(sessionId -> act(sessionId, report));
  }

  private Session act(String sessionId, AgentReport report) {
    String tenantId = sessions.tenantOf(sessionId).orElseThrow(() -> Refusal.notFound("session", sessionId));
    Versioned<Session> current = sessions.get(tenantId, sessionId)
        .orElseThrow(() -> Refusal.notFound("session", sessionId));
    Session session = current.value();
    return switch (decide(session, report)) {
      case MOVE_ON -> starter.resume(current);
      case RECORD -> {
        Instant now = clock.instant();
        Instant at = report.at().isAfter(now) ? now : report.at();
        activity.record(sessionId, new SessionActivity.Clients(report.clients(), at));
        yield session;
      }
      case END -> ender.end(tenantId, sessionId, EndReason.FAILED, "its browser exited (reported by its agent)")
          .orElse(session);
      case NOTHING -> session;
    };
  }

  /**
   * The action {@code report} calls for on {@code session}.
   *
   * @throws Refusal conflict when the report is not about the session's browser
   */
  static Action decide(Session session, AgentReport report) {
    if (session.browserId() == null) {
      throw Refusal.conflict("session " + session.id() + " has no browser recorded yet");
    }
    if (!session.browserId().equals(report.browserId())) {
      throw Refusal.conflict("the report is about browser " + report.browserId() + ", session "
          + session.id() + " runs on another");
    }
    SessionStatus status = session.status();
    if (!status.live()) {
      return Action.NOTHING;
    }
    return switch (report.type()) {
      case READY -> status == SessionStatus.STARTING ? Action.MOVE_ON : Action.NOTHING;
      case ACTIVITY -> status == SessionStatus.STOPPING ? Action.NOTHING : Action.RECORD;
      case EXITED -> status == SessionStatus.STOPPING ? Action.NOTHING : Action.END;
    };
  }
}
