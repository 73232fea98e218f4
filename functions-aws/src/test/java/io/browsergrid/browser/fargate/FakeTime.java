package io.browsergrid.browser.fargate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when the provider pauses, and remembers every pause: no test waits for real. */
final class FakeTime extends Clock implements FargatePause {
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

  @Override
  public void pause(Duration duration) {
    pauses.add(duration);
    now = now.plus(duration);
  }

  List<Duration> pauses() {
    return pauses;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
