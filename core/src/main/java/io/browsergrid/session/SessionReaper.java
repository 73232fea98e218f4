package io.browsergrid.session;

import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cleanup pass: ends sessions past their hard cap or idle past their idle timeout, moves {@code starting}
 * sessions on when their browser answers (the process that started them may be gone), fails sessions stuck before
 * {@code running}, finishes sessions a crash left {@code stopping}, ends ghosts (a running session whose browser is
 * gone), stops orphan browsers (running with no live session) and frees concurrency slots nobody holds. Idempotent and
 * safe to run twice at once: every change goes through {@link SessionEnder}'s compare-and-set writes.
 */
public final class SessionReaper {
  /** A server slot younger than this may belong to a create between its two writes; leave it alone. */
  private static final Duration SLOT_GRACE = Duration.ofSeconds(60);
  private static final Duration STOPPING_GRACE = Duration.ofSeconds(30);
  private static final Duration STARTING_GRACE = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(SessionReaper.class.getName());
  private final TenantRepository tenants;
  private final SessionRepository sessions;
  private final ServerSlots slots;
  private final BrowserProvider provider;
  private final SessionEnder ender;
  private final SessionActivity activity;
  private final Clock clock;
  private final Duration startTimeout;
  private final Supplier<Set<String>> pooled;
  private final SessionStarter starter;

  /** @param pooled ids of the browsers warm pools hold, which are not orphans though no session has them */
  public SessionReaper(TenantRepository tenants, SessionRepository sessions, ServerSlots slots,
      BrowserProvider provider, SessionEnder ender, SessionActivity activity, Clock clock, Duration startTimeout,
      Supplier<Set<String>> pooled, SessionStarter starter) {
    this.tenants = tenants;
    this.sessions = sessions;
    this.slots = slots;
    this.provider = provider;
    this.ender = ender;
    this.activity = activity;
    this.clock = clock;
    this.startTimeout = startTimeout;
    this.pooled = pooled;
    this.starter = starter;
  }

  /** What one pass did. */
  public record Report(int ended, int orphansStopped, int slotsFreed) {}

  /** Runs one pass over every tenant's live sessions and every running browser. */
  public Report run() {
    Instant now = clock.instant();
    int ended = 0;
    int freed = 0;
    List<BrowserHandle> running = provider.list();
    // browsers, then pool records, then sessions, in that order: a browser found running is a pool's still, or was
    // claimed by a session written before its pool record went (read after the pool records were, the session
    // counts); pool records read last missed a claim settled meanwhile and stopped its browser as an orphan
    Set<String> live = new HashSet<>(pooled.get());
    Set<String> runningIds = new HashSet<>();
    running.forEach(h -> runningIds.add(h.browserId()));
    for (Tenant tenant : tenants.all()) {
      try {
        TenantPass pass = passOver(tenant, now, runningIds, live);
        ended += pass.ended();
        freed += pass.freed();
      } catch (RuntimeException e) {
        // one tenant's records must not stop cleanup for every other: its browsers count as live this pass, so
        // none of them is stopped as an orphan on a read that failed
        tenantFailed(tenant, e, live);
      }
    }
    int orphans = 0;
    for (BrowserHandle handle : running) {
      if (!live.contains(handle.browserId())) {
        LOG.log(System.Logger.Level.INFO, "stopping orphan browser " + handle.browserId());
        provider.stop(handle);
        orphans++;
      }
    }
    Set<String> staleServerSlots = new HashSet<>();
    slots.holders().forEach(id -> {
      if (!live.contains(id)) {
        staleServerSlots.add(id);
      }
    });
    freed += freeServerSlots(staleServerSlots, now);
    return new Report(ended, orphans, freed);
  }

  private record TenantPass(int ended, int freed) {}

  /** One tenant's part of a pass; adds the ids of its live sessions and their browsers to {@code live}. */
  private TenantPass passOver(Tenant tenant, Instant now, Set<String> runningIds, Set<String> live) {
    int ended = 0;
    Set<String> stale = new HashSet<>();
    Occupancy kept = sessions.occupancy(tenant.id());
    LiveTally tally = new LiveTally();
    for (String id : sessions.liveIds(tenant.id())) {
      Optional<Session> session = Optional.empty();
      try {
        session = sessions.get(tenant.id(), id).map(Versioned::value);
        if (session.isEmpty() || !session.get().status().live()) {
          stale.add(id);
          continue;
        }
        Optional<Verdict> verdict = judge(session.get(), now, runningIds);
        if (verdict.isEmpty() && session.get().status() == SessionStatus.STARTING) {
          sessions.get(tenant.id(), id).ifPresent(starter::resume);
        }
        if (verdict.isPresent()) {
          ender.end(tenant.id(), id, verdict.get().reason(), verdict.get().detail());
          ended++;
          continue;
        }
        tally.add(session.get());
      } catch (RuntimeException e) {
        // one record that cannot be read or written must not stop the pass for the others; it is tried again next
        LOG.log(System.Logger.Level.WARNING,
            "cleanup of session " + id + " of tenant " + tenant.id() + " failed: " + e);
        tally.missed();
      }
      live.add(id);
      session.map(Session::browserId).ifPresent(live::add);
    }
    int freed = freeTenantSlots(tenant.id(), stale);
    // a count that disagrees with the records (a slot freed from a record that is gone) is set right, but only when
    // nothing was created, moved or ended while the tally ran: then the write's condition on the counts still holds
    if (ended == 0 && freed == 0 && tally.contradicts(kept)
        && sessions.correctCounts(tenant.id(), kept, tally.counted())) {
      LOG.log(System.Logger.Level.INFO, "corrected the live counts of tenant " + tenant.id() + " to " + tally.counted());
    }
    return new TenantPass(ended, freed);
  }

  /** Logs a tenant whose pass failed and keeps every browser its sessions name, as far as they can be read. */
  private void tenantFailed(Tenant tenant, RuntimeException e, Set<String> live) {
    LOG.log(System.Logger.Level.WARNING, "cleanup of tenant " + tenant.id() + " failed, the others go on: " + e);
    try {
      for (String id : sessions.liveIds(tenant.id())) {
        live.add(id);
        try {
          sessions.get(tenant.id(), id).map(Versioned::value).map(Session::browserId).ifPresent(live::add);
        } catch (RuntimeException unreadable) {
          // a record that cannot be read names no browser; its own id stays live
        }
      }
    } catch (RuntimeException unreadable) {
      LOG.log(System.Logger.Level.WARNING, "tenant " + tenant.id() + " cannot be read: " + unreadable);
    }
  }

  /** Ends every live session of every tenant with {@code reason}: server shutdown and recovery after a crash. */
  public int endAll(EndReason reason, String detail) {
    int count = 0;
    for (Tenant tenant : tenants.all()) {
      List<String> liveIds;
      try {
        liveIds = sessions.liveIds(tenant.id());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "tenant " + tenant.id() + " cannot be read; its sessions stay: " + e);
        continue;
      }
      for (String id : liveIds) {
        try {
          if (ender.end(tenant.id(), id, reason, detail).isPresent()) {
            count++;
          }
        } catch (RuntimeException e) {
          // recovery at start goes on past a record that cannot be ended; cleanup tries it again
          LOG.log(System.Logger.Level.WARNING, "ending session " + id + " of tenant " + tenant.id() + " failed: " + e);
        }
      }
    }
    slots.releaseAll(slots.holders());
    return count;
  }

  private Optional<Verdict> judge(Session s, Instant now, Set<String> runningIds) {
    if (!now.isBefore(s.expiresAt())) {
      return Optional.of(new Verdict(EndReason.TIMEOUT, "ran " + s.timeoutSeconds() + " s, its hard cap"));
    }
    Instant since = s.transitions().get(s.transitions().size() - 1).at();
    switch (s.status()) {
      case PENDING, STARTING -> {
        // its starter fails it itself when its turn does not come or its browser does not answer in time, so
        // cleanup acts only a grace later, on a start nobody carries on
        Instant bound = (s.status() == SessionStatus.PENDING ? starter.turnDeadline(s) : since.plus(startTimeout))
            .plus(STARTING_GRACE);
        if (now.isAfter(bound)) {
          return Optional.of(new Verdict(EndReason.FAILED, "still " + s.status().json() + " after "
              + startTimeout.toSeconds() + " s"));
        }
      }
      case STOPPING -> {
        if (now.isAfter(since.plus(STOPPING_GRACE))) {
          return Optional.of(new Verdict(s.endReason() == null ? EndReason.CLEANUP : s.endReason(), null));
        }
      }
      case RUNNING -> {
        if (s.idleTimeoutSeconds() > 0 && idleSince(s, now).isPresent()) {
          return Optional.of(new Verdict(s.ephemeral() ? EndReason.DISCONNECTED : EndReason.IDLE,
              "no CDP client for " + s.idleTimeoutSeconds() + " s"));
        }
        if (s.browserId() != null && !runningIds.contains(s.browserId())
            && provider.state(new BrowserHandle(s.browserId(), s.browserRef())).phase() != BrowserState.Phase.RUNNING) {
          return Optional.of(new Verdict(EndReason.FAILED, "its browser is gone"));
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Since when the session has been idle past its idle timeout, or empty when it is in use or not idle long enough. */
  private Optional<Instant> idleSince(Session s, Instant now) {
    Optional<SessionActivity.Clients> clients = activity.clients(s.id());
    if (clients.isPresent() && clients.get().connected() > 0) {
      return Optional.empty();
    }
    Instant since = clients.map(SessionActivity.Clients::lastChange).orElse(s.startedAt());
    return now.isAfter(since.plusSeconds(s.idleTimeoutSeconds())) ? Optional.of(since) : Optional.empty();
  }

  private int freeTenantSlots(String tenantId, Set<String> stale) {
    int freed = 0;
    for (String id : stale) {
      for (int attempt = 0; attempt < 50; attempt++) {
        try {
          if (sessions.freeSlot(tenantId, id)) {
            freed++;
          }
          break;
        } catch (ConditionFailedException raced) {
          Thread.onSpinWait();
        }
      }
    }
    return freed;
  }

  private int freeServerSlots(Set<String> candidates, Instant now) {
    Set<String> stale = new HashSet<>();
    for (String id : candidates) {
      Optional<Instant> reservedAt = SessionIds.createdAt(id);
      if (reservedAt.isEmpty() || now.isAfter(reservedAt.get().plus(SLOT_GRACE))) {
        stale.add(id);
      }
    }
    slots.releaseAll(stale);
    return stale.size();
  }

  private record Verdict(EndReason reason, String detail) {}
}
