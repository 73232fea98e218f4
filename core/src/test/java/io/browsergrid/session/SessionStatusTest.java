package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserOptions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStatusTest {

  @Test
  void transitionsOnlyGoForwardAndFailedIsReachableUntilStopped() {
    assertThat(SessionStatus.PENDING.canMoveTo(SessionStatus.RUNNING)).isTrue();
    assertThat(SessionStatus.RUNNING.canMoveTo(SessionStatus.STARTING)).isFalse();
    assertThat(SessionStatus.STOPPING.canMoveTo(SessionStatus.FAILED)).isTrue();
    assertThat(SessionStatus.STOPPED.canMoveTo(SessionStatus.FAILED)).isFalse();
    assertThat(SessionStatus.FAILED.canMoveTo(SessionStatus.STOPPED)).isFalse();
    assertThat(SessionStatus.RUNNING.canMoveTo(SessionStatus.RUNNING)).isFalse();
  }

  @Test
  void aSessionRecordsEveryStepWithItsTime() {
    Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
    Session s = new Session("id", "t", SessionStatus.PENDING, "default", "local", t0, null, null, t0.plusSeconds(60),
        60, 0, null, Map.of(), BrowserOptions.DEFAULT, false, null, null, null, null,
        List.of(new Transition(SessionStatus.PENDING, t0, null)));
    Session running = s.moveTo(SessionStatus.STARTING, t0.plusMillis(5), null)
        .running("ws://x", "Chrome/1", t0.plusMillis(400));
    Session stopped = running.ending(EndReason.RELEASED).moveTo(SessionStatus.STOPPING, t0.plusSeconds(2), null)
        .moveTo(SessionStatus.STOPPED, t0.plusSeconds(3), null);
    assertThat(stopped.transitions()).extracting(Transition::status).containsExactly(SessionStatus.PENDING,
        SessionStatus.STARTING, SessionStatus.RUNNING, SessionStatus.STOPPING, SessionStatus.STOPPED);
    assertThat(stopped.startedAt()).isEqualTo(t0.plusMillis(400));
    assertThat(stopped.endedAt()).isEqualTo(t0.plusSeconds(3));
    assertThat(stopped.endReason()).isEqualTo(EndReason.RELEASED);
    assertThat(stopped.cdpEndpoint()).isNull();
    assertThat(stopped.ending(EndReason.TIMEOUT).endReason()).as("the first reason stays").isEqualTo(EndReason.RELEASED);
    assertThatThrownBy(() -> stopped.moveTo(SessionStatus.RUNNING, t0, null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sessionIdsSortNewestFirstAndCarryTheirTime() {
    SessionIds ids = new SessionIds(new SecureRandom());
    Instant early = Instant.parse("2026-11-22T10:00:00Z");
    String older = ids.next(early);
    String newer = ids.next(early.plusMillis(1));
    assertThat(newer).isLessThan(older);
    assertThat(SessionIds.wellFormed(older)).isTrue();
    assertThat(SessionIds.createdAt(older)).contains(early);
    assertThat(SessionIds.wellFormed("../etc")).isFalse();
  }
}
