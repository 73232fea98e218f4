package io.browsergrid.session;

import io.browsergrid.admission.StartQueue;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.pool.ClaimedBrowser;
import io.browsergrid.pool.Pool;
import io.browsergrid.pool.PoolService;
import io.browsergrid.problem.Refusal;
import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sessions as the API sees them: create under the tenant's and the server's limits, read, list, release. Every read
 * is scoped to the caller's tenant, so another tenant's session is simply not found.
 */
public final class SessionService {
  /** The longest a create holds its answer for {@code wait: true}. */
  public static final Duration WAIT_LIMIT = Duration.ofSeconds(25);
  private static final int RETRY_AFTER_SECONDS = 5;
  private static final int MAX_ATTEMPTS = 200;

  private final SessionRepository sessions;
  private final TenantRepository tenants;
  private final ServerSlots slots;
  private final SessionStarter starter;
  private final SessionEnder ender;
  private final SessionIds ids;
  private final String providerName;
  private final OptionalInt longestSessionSeconds;
  private final Executor executor;
  private final Clock clock;
  private final Metrics metrics;
  private final PoolService pools;
  private final StartQueue startQueue;
  private final CreateRate rate;

  public SessionService(SessionRepository sessions, TenantRepository tenants, ServerSlots slots,
      SessionStarter starter, SessionEnder ender, SessionIds ids, String providerName,
      OptionalInt longestSessionSeconds, Executor executor,
      Clock clock, Metrics metrics, PoolService pools, StartQueue startQueue, CreateRate rate) {
    this.rate = rate;
    this.sessions = sessions;
    this.tenants = tenants;
    this.slots = slots;
    this.starter = starter;
    this.ender = ender;
    this.ids = ids;
    this.providerName = providerName;
    this.longestSessionSeconds = longestSessionSeconds;
    this.executor = executor;
    this.clock = clock;
    this.metrics = metrics;
    this.pools = pools;
    this.startQueue = startQueue;
  }

  /**
   * Creates a session: claims a warm browser of its pool when one is idle (then it answers {@code running} at
   * once), else starts one cold. With {@code waitForRunning} the answer is held until it runs or fails
   * (at most {@link #WAIT_LIMIT}, its wait for a turn in the start line included: a session still waiting for its
   * turn then reads {@code pending}); else it comes back {@code pending}.
   *
   * @throws Refusal not found for an unknown pool; limit reached when the tenant's, the pool's or the server's limit is
   *                          reached, when the tenant made its {@code maxSessionsPerMinute} creates this minute, or
   *                          when a cold start would wait in the start line longer than allowed
   */
  public Session create(Principal caller, NewSession request) {
    Tenant tenant = tenants.get(caller.tenantId()).map(Versioned::value)
        .orElseThrow(() -> Refusal.unauthenticated("the key's tenant no longer exists"));
    Pool pool = pools.resolve(caller, request.pool());
    pools.checkRoom(pool);
    rate.take(tenant);
    Instant now = clock.instant();
    // the provider's bound, where it has one, is what the session really gets: its expiresAt says so
    int timeout = Math.min(request.timeoutSeconds(), longestSessionSeconds.orElse(Integer.MAX_VALUE));
    int idle = Math.min(request.idleTimeoutSeconds(), timeout);
    Session session = new Session(ids.next(now), tenant.id(), SessionStatus.PENDING, request.pool(), providerName, now,
        null, null, now.plusSeconds(timeout), timeout, idle, null, request.metadata(), request.browser(), request.ephemeral(), null, null,
        null, null, List.of(new Transition(SessionStatus.PENDING, now, null)));
    if (!slots.reserve(session.id())) {
      throw Refusal.limitReached(
          "the server runs its maximum of " + slots.max() + " sessions", RETRY_AFTER_SECONDS);
    }
    Optional<Session> warm;
    try {
      warm = warmStart(session, tenant, pool, request);
    } catch (RuntimeException e) {
      slots.release(session.id());
      throw e;
    }
    if (warm.isPresent()) {
      metrics.sessionCreated();
      return warm.get();
    }
    Versioned<Session> pending;
    try {
      // a cold start adds a browser: the server's cap counts its warm browsers too
      int warmBrowsers = pools.warmTotal();
      if (slots.count() + warmBrowsers > slots.max()) {
        throw Refusal.limitReached("the server runs its maximum of " + slots.max() + " browsers ("
            + warmBrowsers + " of them warm in pools)", RETRY_AFTER_SECONDS);
      }
      startQueue.join(session.id());
    } catch (RuntimeException e) {
      slots.release(session.id());
      throw e;
    }
    try {
      pending = insert(session, null, tenant);
    } catch (RuntimeException e) {
      startQueue.leave(session.id(), null);
      slots.release(session.id());
      throw e;
    }
    metrics.sessionCreated();
    CompletableFuture<Session> started = CompletableFuture.supplyAsync(() -> starter.start(pending), executor);
    if (!request.waitForRunning()) {
      return pending.value();
    }
    try {
      return started.get(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillStarting) {
      return sessions.get(tenant.id(), session.id()).map(Versioned::value).orElse(pending.value());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for session " + session.id(), e);
    } catch (ExecutionException e) {
      ender.end(tenant.id(), session.id(), EndReason.FAILED, "the start failed: " + e.getCause());
      throw new IllegalStateException("session start failed", e.getCause());
    }
  }

  /**
   * Claims a warm browser of {@code pool} first and then writes the session {@code running} on it in one atomic write
   * (with its created and running events): a warm create commits the claim and the session, nothing more. Empty on a
   * miss (nothing claimed, nothing written). A tenant at its limit is refused before anything is claimed; when it got
   * there meanwhile, the browser goes back to the pool.
   */
  private Optional<Session> warmStart(Session session, Tenant tenant, Pool pool, NewSession request) {
    if (sessions.occupancy(tenant.id()).count() >= tenant.maxConcurrentSessions()) {
      throw tenantFull(tenant);
    }
    Optional<ClaimedBrowser> warm = pools.claim(pool, request.browser(), tenant.id(), session.id());
    if (warm.isEmpty()) {
      return Optional.empty();
    }
    Session running;
    try {
      running = insert(session, starter.runningOn(session, warm.get()), tenant).value();
    } catch (RuntimeException e) {
      pools.giveBack(pool, warm.get(), session.id());
      throw e;
    }
    starter.observeWarm(running);
    // the session holds the browser now: its claim record has served, and claims read every record
    executor.execute(() -> pools.settled(pool, warm.get(), session.id()));
    return Optional.of(running);
  }

  private static Refusal tenantFull(Tenant tenant) {
    return Refusal.limitReached("tenant " + tenant.name() + " runs its maximum of "
        + tenant.maxConcurrentSessions() + " concurrent sessions", RETRY_AFTER_SECONDS);
  }

  /** Writes {@code session} ({@code pending}), or, with {@code running}, the session already running on a warm one. */
  private Versioned<Session> insert(Session session, Session running, Tenant tenant) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Occupancy occupancy = sessions.occupancy(tenant.id());
      if (occupancy.count() >= tenant.maxConcurrentSessions()) {
        throw tenantFull(tenant);
      }
      try {
        return running == null ? sessions.create(session, occupancy)
            : sessions.createRunning(session, running, occupancy);
      } catch (ConditionFailedException raced) {
        Thread.onSpinWait();
      }
    }
    throw Refusal.unavailable("too many concurrent creates; try again", 1);
  }

  /** The caller's session, or 404. */
  public Session get(Principal caller, String id) {
    return sessions.get(caller.tenantId(), id).map(Versioned::value)
        .orElseThrow(() -> Refusal.notFound("session", id));
  }

  /**
   * One page of the caller's sessions, newest first, optionally only those in {@code status}.
   *
   * @param cursor the previous page's {@code nextCursor}, or null
   */
  public SessionList list(Principal caller, SessionStatus status, int limit, String cursor) {
    if (status != null && status.live()) {
      return listLive(caller.tenantId(), status, limit, cursor);
    }
    List<Session> items = new ArrayList<>();
    String next = cursor;
    do {
      SessionRepository.SessionPage page = sessions.list(caller.tenantId(), next, limit);
      next = page.nextCursor();
      for (Versioned<Session> v : page.items()) {
        if (status == null || v.value().status() == status) {
          items.add(v.value());
          if (items.size() == limit) {
            return new SessionList(items, v.value().id());
          }
        }
      }
    } while (next != null);
    return new SessionList(items, null);
  }

  /**
   * A page of live sessions in {@code status}, read off the tenant's live-session markers, so its cost follows the
   * live sessions, never the retained history. The same order and cursors as the full list: ids ascending, which is
   * newest first.
   */
  private SessionList listLive(String tenantId, SessionStatus status, int limit, String cursor) {
    List<Session> items = new ArrayList<>();
    String next = cursor;
    do {
      SessionRepository.LivePage page = sessions.liveIds(tenantId, next, limit);
      next = page.nextCursor();
      for (String id : page.ids()) {
        Optional<Session> session = sessions.get(tenantId, id).map(Versioned::value);
        if (session.isPresent() && session.get().status() == status) {
          items.add(session.get());
          if (items.size() == limit) {
            return new SessionList(items, id);
          }
        }
      }
    } while (next != null);
    return new SessionList(items, null);
  }

  /** Releases the caller's session: stops its browser, keeps the record. Idempotent; 404 when not the caller's. */
  public Session release(Principal caller, String id) {
    get(caller, id);
    return ender.end(caller.tenantId(), id, EndReason.RELEASED, null)
        .orElseThrow(() -> Refusal.notFound("session", id));
  }

  /** Ends a session on the server's own behalf (crash, disconnect, shutdown). Idempotent. */
  public Optional<Session> end(String tenantId, String id, EndReason reason, String detail) {
    return ender.end(tenantId, id, reason, detail);
  }

  /**
   * A browser exited without being stopped: its session fails. Cold-started browsers carry their session's id.
   */
  public void browserExited(String browserId) {
    Optional<String> tenant = sessions.tenantOf(browserId);
    if (tenant.isPresent()) {
      ender.end(tenant.get(), browserId, EndReason.FAILED, "the browser exited unexpectedly");
      return;
    }
    // a warm browser carries its pool's id, not its session's: find the live session on it (rare, so a scan of the
    // live sessions, never of history), so it fails now instead of a cleanup pass later
    for (Tenant t : tenants.all()) {
      for (String id : sessions.liveIds(t.id())) {
        Optional<Session> session = sessions.get(t.id(), id).map(Versioned::value);
        if (session.isPresent() && browserId.equals(session.get().browserId()) && session.get().status().live()) {
          ender.end(t.id(), id, EndReason.FAILED, "the browser exited unexpectedly");
          return;
        }
      }
    }
  }

  /** A page of sessions and the cursor of the next one (null at the end). */
  public record SessionList(List<Session> items, String nextCursor) {}
}
