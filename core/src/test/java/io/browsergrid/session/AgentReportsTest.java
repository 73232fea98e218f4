package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.http.ProblemException;
import io.browsergrid.problem.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each report does to a session in each state; the writes themselves are tested against real stores. */
class AgentReportsTest {
  private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

  @Test
  void readyMovesOnOnlyAStartingSession() {
    assertThat(AgentReports.decide(session(SessionStatus.STARTING), report(AgentReport.Type.READY)))
        .isEqualTo(AgentReports.Action.MOVE_ON);
    for (SessionStatus status : List.of(SessionStatus.PENDING, SessionStatus.RUNNING, SessionStatus.STOPPING,
        SessionStatus.STOPPED, SessionStatus.FAILED)) {
      assertThat(AgentReports.decide(session(status), report(AgentReport.Type.READY))).as(status.json())
          .isEqualTo(AgentReports.Action.NOTHING);
    }
  }

  @Test
  void activityIsRecordedWhileTheSessionIsNeitherEndingNorEnded() {
    for (SessionStatus status : SessionStatus.values()) {
      boolean records = status.live() && status != SessionStatus.STOPPING;
      assertThat(AgentReports.decide(session(status), report(AgentReport.Type.ACTIVITY))).as(status.json())
          .isEqualTo(records ? AgentReports.Action.RECORD : AgentReports.Action.NOTHING);
    }
  }

  @Test
  void exitedEndsASessionUnlessItIsEndingOrEndedAlready() {
    for (SessionStatus status : SessionStatus.values()) {
      boolean ends = status.live() && status != SessionStatus.STOPPING;
      assertThat(AgentReports.decide(session(status), report(AgentReport.Type.EXITED))).as(status.json())
          .isEqualTo(ends ? AgentReports.Action.END : AgentReports.Action.NOTHING);
    }
  }

  @Test
  void aReportAboutAnotherBrowserIsAConflictWhateverTheState() {
    for (SessionStatus status : SessionStatus.values()) {
      Refusal refused = catchThrowableOfType(() -> AgentReports.decide(session(status),
          new AgentReport(AgentReport.Type.EXITED, "another-browser", AT, 0)), Refusal.class);
      assertThat(refused).as(status.json()).isNotNull();
      assertThat(ProblemException.of(refused).status()).isEqualTo(409);
    }
  }

  @Test
  void aSessionWithNoBrowserRecordedYetCannotBeReportedOn() {
    Session pending = session(SessionStatus.PENDING).withBrowser(null, null);

    Refusal refused = catchThrowableOfType(() -> AgentReports.decide(pending,
        report(AgentReport.Type.READY)), Refusal.class);

    assertThat(ProblemException.of(refused).status()).isEqualTo(409);
  }

  @Test
  void aReportOlderThanTheKnownOneDoesNotSupersedeIt() {
    SessionActivity.Clients known = new SessionActivity.Clients(1, AT);

    assertThat(new SessionActivity.Clients(0, AT.minusMillis(1)).supersedes(known)).isFalse();
    assertThat(new SessionActivity.Clients(0, AT).supersedes(known)).isTrue();
    assertThat(new SessionActivity.Clients(0, AT.plusMillis(1)).supersedes(known)).isTrue();
    assertThat(new SessionActivity.Clients(0, AT.minusSeconds(3600)).supersedes(null)).isTrue();
  }

  @Test
  void inMemoryActivityKeepsTheNewestReport() {
    InMemorySessionActivity activity = new InMemorySessionActivity(java.time.Clock.systemUTC());
    SessionActivity.Clients newer = new SessionActivity.Clients(1, AT);

    assertThat(activity.record("s1", newer)).isTrue();
    assertThat(activity.record("s1", new SessionActivity.Clients(0, AT.minusSeconds(5)))).isFalse();
    assertThat(activity.clients("s1")).contains(newer);
  }

  private static AgentReport report(AgentReport.Type type) {
    return new AgentReport(type, "browser-1", AT, 0);
  }

  private static Session session(SessionStatus status) {
    return new Session("s1", "default", status, "default", "local", AT.minusSeconds(60), null,
        status.live() ? null : AT, AT.plusSeconds(300), 300, 60, status.live() ? null : EndReason.RELEASED, Map.of(),
        BrowserOptions.DEFAULT, false, "browser-1", "ref-1", null, null,
        List.of(new Transition(status, AT.minusSeconds(60), null)));
  }
}
