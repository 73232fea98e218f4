package io.browsergrid.admission;

import io.browsergrid.problem.Refusal;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Admission of cold starts: at most {@code maxStarting} run at once across the deployment and the rest wait their
 * turn first in, first out, in one {@link StartLine} item of the store (so every instance of a serverless deployment
 * shares it). A create {@link #join joins} before its session is written and is refused with 429 when the line is
 * longer than the deployment can drain within {@code maxQueueWait} at the measured start rate; its start then
 * {@link #awaitTurn waits its turn} and {@link #leave leaves} when its browser answered or failed. A waiter renews
 * its ticket while it waits and an admitted start holds it for the start timeout, so a holder that dies frees its
 * place on its own. Thread-safe; waiters in this process are woken as soon as a place here frees.
 */
public final class StartQueue {
  static final String PARTITION = "server";
  static final String KEY = "start-line";
  /** Tickets one item holds at most, whatever the measured rate (the store's item limit). */
  static final int MAX_TICKETS = 300;
  /** What a start is assumed to take before one was measured (Chromium on a small machine, two at once). */
  static final Duration FIRST_GUESS = Duration.ofSeconds(1);
  static final Duration WAITING_LEASE = Duration.ofSeconds(15);
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(10);
  /** How often a waiter looks again when no local start frees a place (one in another instance may). */
  private static final long POLL_MILLIS = 100;
  private static final Duration ADMITTED_MARGIN = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 200;

  private final KeyValueStore store;
  private final JsonCodec json;
  private final Clock clock;
  private final AdmissionSettings settings;
  private final Duration admittedLease;
  private final Object freed = new Object();

  /** @param startTimeout how long an admitted start may hold its place before it counts as dead */
  public StartQueue(KeyValueStore store, JsonCodec json, Clock clock, AdmissionSettings settings,
      Duration startTimeout) {
    this.store = store;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
    this.admittedLease = startTimeout.plus(ADMITTED_MARGIN);
  }

  public AdmissionSettings settings() {
    return settings;
  }

  /** What the line holds now: starts running and creates waiting. */
  public record Counts(long starting, long queued) {}

  public Counts counts() {
    StartLine line = read().map(this::decode).orElse(StartLine.EMPTY).live(clock.millis());
    return new Counts(line.admitted(), line.waiting());
  }

  /**
   * Puts {@code sessionId} at the end of the line. Idempotent for an id already in it.
   *
   * @throws Refusal limit reached with a {@code Retry-After} when the line already holds more than the deployment can
   *                          start within {@code maxQueueWait}
   */
  public void join(String sessionId) {
    change(line -> {
      if (line.ticket(sessionId) != null) {
        return line;
      }
      long free = Math.max(0, settings.maxStarting() - line.admitted());
      long behind = line.waiting() - free + 1;
      if (behind > 0) {
        double perSecond = startsPerSecond(line);
        long allowed = Math.min(MAX_TICKETS - line.admitted(),
            (long) Math.floor(settings.maxQueueWait().toMillis() / 1000.0 * perSecond));
        if (behind > allowed) {
          int retryAfter = (int) Math.max(1, Math.ceil((behind - allowed) / perSecond));
          throw Refusal.limitReached("the start queue is full: " + line.waiting() + " creates wait for "
              + settings.maxStarting() + " starts at a time", retryAfter);
        }
      }
      return line.with(new StartTicket(sessionId, clock.millis() + WAITING_LEASE.toMillis(), false));
    });
  }

  /**
   * Waits until {@code sessionId}'s turn comes and marks its start running; renews the ticket meanwhile. A ticket
   * that was dropped (its lease ran out) joins again at the end.
   *
   * @return true when admitted; false when {@code deadline} passed first (the ticket is gone then)
   * @throws InterruptedException when interrupted while waiting (the ticket is left to run out)
   */
  public boolean awaitTurn(String sessionId, Instant deadline) throws InterruptedException {
    while (true) {
      long now = clock.millis();
      if (now > deadline.toEpochMilli()) {
        leave(sessionId, null);
        return false;
      }
      Optional<Item> item = read();
      StartLine line = item.map(this::decode).orElse(StartLine.EMPTY).live(now);
      StartTicket mine = line.ticket(sessionId);
      StartLine next = null;
      if (mine != null && mine.admitted()) {
        return true;
      }
      if (mine == null) {
        next = line.with(new StartTicket(sessionId, now + WAITING_LEASE.toMillis(), false));
      } else if (line.admitted() + line.waitingAhead(sessionId) < settings.maxStarting()) {
        next = line.with(new StartTicket(sessionId, now + admittedLease.toMillis(), true));
      } else if (mine.leaseUntil() - now < RENEW_BEFORE.toMillis()) {
        next = line.with(new StartTicket(sessionId, now + WAITING_LEASE.toMillis(), false));
      }
      if (next != null) {
        boolean written = write(item, next);
        if (written && next.ticket(sessionId).admitted()) {
          return true;
        }
        if (!written) {
          continue;
        }
      }
      synchronized (freed) {
        freed.wait(POLL_MILLIS);
      }
    }
  }

  /**
   * Takes {@code sessionId} out of the line, waiting or admitted. Idempotent.
   *
   * @param tookToStart how long its admitted start took to answer, measured into the start rate; null when it did not
   *                    start (failed, abandoned, never admitted)
   */
  public void leave(String sessionId, Duration tookToStart) {
    change(line -> {
      StartLine next = line.ticket(sessionId) == null ? line : line.without(sessionId);
      if (tookToStart != null) {
        long took = Math.max(1, tookToStart.toMillis());
        long avg = line.avgStartMillis() == 0 ? took : Math.round(line.avgStartMillis() * 0.7 + took * 0.3);
        next = next.measured(avg);
      }
      return next;
    });
    synchronized (freed) {
      freed.notifyAll();
    }
  }

  /** Empties the line: a standalone server at start, when no start of an earlier run can still be going. */
  public void clear() {
    change(line -> new StartLine(List.of(), line.avgStartMillis()));
  }

  private double startsPerSecond(StartLine line) {
    long avg = line.avgStartMillis() > 0 ? line.avgStartMillis() : FIRST_GUESS.toMillis();
    return settings.maxStarting() * 1000.0 / avg;
  }

  private void change(UnaryOperator<StartLine> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> item = read();
      StartLine current = item.map(this::decode).orElse(StartLine.EMPTY);
      StartLine next = change.apply(current.live(clock.millis()));
      if (next.equals(current) || write(item, next)) {
        return;
      }
      Thread.onSpinWait();
    }
    throw Refusal.unavailable("too many concurrent creates; try again", 1);
  }

  private Optional<Item> read() {
    return store.get(PARTITION, KEY);
  }

  private StartLine decode(Item item) {
    return json.decode(item, StartLine.class);
  }

  private boolean write(Optional<Item> item, StartLine next) {
    return store.writeOver(item, PARTITION, KEY, json.encode(next), null).isPresent();
  }
}
