package io.browsergrid.session;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link SessionActivity} for a proxy in this process: it tells of every connect and disconnect. Thread-safe. */
public final class InMemorySessionActivity implements SessionActivity {
  private final ConcurrentMap<String, Clients> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemorySessionActivity(Clock clock) {
    this.clock = clock;
  }

  /** A client connected to {@code sessionId}. */
  public void connected(String sessionId) {
    sessions.merge(sessionId, new Clients(1, clock.instant()),
        (old, one) -> new Clients(old.connected() + 1, one.lastChange()));
  }

  /** A client of {@code sessionId} left; returns how many are still connected. */
  public int disconnected(String sessionId) {
    Clients after = sessions.computeIfPresent(sessionId,
        (id, old) -> new Clients(Math.max(0, old.connected() - 1), clock.instant()));
    return after == null ? 0 : after.connected();
  }

  @Override
  public Optional<Clients> clients(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId));
  }

  @Override
  public boolean record(String sessionId, Clients clients) {
    return sessions.merge(sessionId, clients, (known, report) -> report.supersedes(known) ? report : known) == clients;
  }

  @Override
  public void forget(String sessionId) {
    sessions.remove(sessionId);
  }
}
