package io.browsergrid.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One circuit breaker per endpoint (such as {@code https://host:443}), so a dead receiver is skipped instead of
 * tying up delivery. After 5 consecutive failures an endpoint is open for 30 s; then it is half-open and lets one
 * trial through: success closes it, failure opens it again, each time 30 s longer, up to 10 min. A trial that never
 * reports back frees the slot after a minute. Endpoints untouched for an hour are forgotten and at most
 * {@code maxEndpoints} are remembered, so memory stays bounded; forgetting one closes it. Thread-safe; each call is
 * a short critical section that never blocks on I/O.
 */
public final class CircuitBreaker {
  static final int FAILURES_TO_OPEN = 5;
  static final Duration FIRST_OPEN = Duration.ofSeconds(30);
  static final Duration OPEN_STEP = Duration.ofSeconds(30);
  static final Duration LONGEST_OPEN = Duration.ofMinutes(10);
  static final Duration TRIAL_LEASE = Duration.ofMinutes(1);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  static final int DEFAULT_MAX_ENDPOINTS = 10_000;

  /** Closed when {@code openUntil} is null; half-open once it has passed. */
  private record State(int failures, Instant openUntil, Duration openFor, Instant trialSince, Instant touched) {}

  private final Clock clock;
  private final int maxEndpoints;
  // insertion order kept equal to last-touch order (touch = remove + put), so the eldest is the idlest
  private final LinkedHashMap<String, State> states = new LinkedHashMap<>();

  public CircuitBreaker(Clock clock) {
    this(clock, DEFAULT_MAX_ENDPOINTS);
  }

  /** @throws IllegalArgumentException when {@code maxEndpoints} is below 1 */
  public CircuitBreaker(Clock clock, int maxEndpoints) {
    if (maxEndpoints < 1) {
      throw new IllegalArgumentException("maxEndpoints must be at least 1");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxEndpoints = maxEndpoints;
  }

  /**
   * Whether a request to {@code endpoint} may go now. True when closed; false while open; when half-open, true for
   * one caller (the trial, which must report {@link #succeeded} or {@link #failed}) and false for the others.
   */
  public synchronized boolean allows(String endpoint) {
    Instant now = clock.instant();
    forgetIdle(now);
    State state = states.get(endpoint);
    if (state == null || state.openUntil() == null) {
      return true;
    }
    if (now.isBefore(state.openUntil())) {
      return false;
    }
    if (state.trialSince() != null && now.isBefore(state.trialSince().plus(TRIAL_LEASE))) {
      return false;
    }
    touch(endpoint, new State(state.failures(), state.openUntil(), state.openFor(), now, now));
    return true;
  }

  /** Records a success: the endpoint is closed and its failures forgotten. */
  public synchronized void succeeded(String endpoint) {
    forgetIdle(clock.instant());
    states.remove(endpoint);
  }

  /**
   * Records a failure: opens a closed endpoint at the fifth in a row, and opens a half-open one again for 30 s longer
   * than last time. Failures reported while open (from requests that began before it opened) change nothing.
   */
  public synchronized void failed(String endpoint) {
    Instant now = clock.instant();
    forgetIdle(now);
    State state = states.get(endpoint);
    State next;
    if (state == null || state.openUntil() == null) {
      int failures = state == null ? 1 : state.failures() + 1;
      next = failures >= FAILURES_TO_OPEN
          ? new State(failures, now.plus(FIRST_OPEN), FIRST_OPEN, null, now)
          : new State(failures, null, null, null, now);
    } else if (now.isBefore(state.openUntil())) {
      next = new State(state.failures() + 1, state.openUntil(), state.openFor(), state.trialSince(), now);
    } else {
      Duration longer = state.openFor().plus(OPEN_STEP);
      Duration openFor = longer.compareTo(LONGEST_OPEN) > 0 ? LONGEST_OPEN : longer;
      next = new State(state.failures() + 1, now.plus(openFor), openFor, null, now);
    }
    touch(endpoint, next);
  }

  /** Until when {@code endpoint} is open; empty when it is closed or half-open. */
  public synchronized Optional<Instant> openUntil(String endpoint) {
    State state = states.get(endpoint);
    return state == null || state.openUntil() == null || !clock.instant().isBefore(state.openUntil())
        ? Optional.empty() : Optional.of(state.openUntil());
  }

  /** How many endpoints are remembered; for tests and metrics. */
  synchronized int size() {
    return states.size();
  }

  private void touch(String endpoint, State state) {
    states.remove(endpoint);
    states.put(endpoint, state);
    if (states.size() > maxEndpoints) {
      Iterator<String> eldest = states.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  private void forgetIdle(Instant now) {
    Instant cutoff = now.minus(FORGET_AFTER);
    Iterator<Map.Entry<String, State>> entries = states.entrySet().iterator();
    while (entries.hasNext() && entries.next().getValue().touched().isBefore(cutoff)) {
      entries.remove();
    }
  }
}
