package io.browsergrid.pool;

import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Role;
import io.browsergrid.auth.TenantLimits;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.event.Event;
import io.browsergrid.event.EventIds;
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.problem.Refusal;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Versioned;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;

/**
 * Warm pools as the API and the session service see them: define, read with live counts, drain; find the pool a
 * create names (its own or the shared {@code default}); and claim a warm browser, recording hits, misses and the
 * claim's latency, and emitting a rate-limited {@code pool.exhausted} on a miss.
 */
public final class PoolService {
  private static final Logger LOG = System.getLogger(PoolService.class.getName());
  private static final Duration EXHAUSTED_EVERY = Duration.ofMinutes(1);

  private final PoolRepository pools;
  private final PoolBrowserIndex index;
  private final PoolClaimer claimer;
  private final PoolKeeper keeper;
  private final ToIntFunction<Pool> busy;
  private final KeyValueStore store;
  private final Outbox outbox;
  private final EventIds ids;
  private final Metrics metrics;
  private final Executor executor;
  private final Clock clock;
  private final String providerName;
  private final ConcurrentMap<String, Instant> lastExhausted = new ConcurrentHashMap<>();
  private final TenantRepository tenants;

  public PoolService(PoolRepository pools, PoolClaimer claimer, PoolKeeper keeper, ToIntFunction<Pool> busy,
      KeyValueStore store, Outbox outbox, EventIds ids, Metrics metrics, Executor executor, Clock clock,
      String providerName, PoolBrowserIndex index, TenantRepository tenants) {
    this.tenants = tenants;
    this.index = index;
    this.pools = pools;
    this.claimer = claimer;
    this.keeper = keeper;
    this.busy = busy;
    this.store = store;
    this.outbox = outbox;
    this.ids = ids;
    this.metrics = metrics;
    this.executor = executor;
    this.clock = clock;
    this.providerName = providerName;
  }

  /**
   * Makes sure the shared {@code default} pool exists. With {@code minIdle} present it is set now (configuration
   * wins at every start); absent, a new pool gets 0 and an existing one keeps what the operator set. Idempotent.
   */
  public void ensureDefault(java.util.OptionalInt minIdle, int maxSessions) {
    Pool pool = new Pool(Pool.SHARED, Pool.DEFAULT, providerName, minIdle.orElse(0), maxSessions,
        BrowserOptions.DEFAULT, Pool.Resources.DEFAULT, 3600, clock.instant());
    if (minIdle.isPresent()) {
      Pool current = pools.get(Pool.SHARED, Pool.DEFAULT).map(Versioned::value).orElse(pool);
      pools.put(new Pool(Pool.SHARED, Pool.DEFAULT, providerName, minIdle.getAsInt(), current.maxSessions(),
          current.browser(), current.resources(), current.maxIdleSeconds(), current.createdAt()));
    } else {
      pools.createIfAbsent(pool);
    }
  }

  /** The pool {@code name} as {@code caller} may use it: its own, else the shared one; 404 otherwise. */
  public Pool resolve(Principal caller, String name) {
    return pools.get(caller.tenantId(), name).or(() -> pools.get(Pool.SHARED, name)).map(Versioned::value)
        .orElseThrow(() -> Refusal.notFound("pool", name));
  }

  /**
   * Creates or replaces a pool; {@code default} is the operator's, every other name the caller tenant's.
   *
   * @throws Refusal conflict naming {@code maxPools} for a new pool beyond the tenant's quota, or
   *                          {@code maxWarmBrowsers} when its pools' {@code minIdle} would add up to more than it may
   *                          keep warm
   */
  public Pool put(Principal caller, Pool requested) {
    Authenticator.require(caller, Pool.DEFAULT.equals(requested.name()) ? Role.OPERATOR : Role.ADMIN);
    String owner = Pool.DEFAULT.equals(requested.name()) ? Pool.SHARED : caller.tenantId();
    Instant createdAt = pools.get(owner, requested.name()).map(v -> v.value().createdAt()).orElse(clock.instant());
    Pool pool = new Pool(owner, requested.name(), providerName, requested.minIdle(), requested.maxSessions(),
        requested.browser(), requested.resources(), requested.maxIdleSeconds(), createdAt);
    if (Pool.SHARED.equals(owner)) {
      pools.put(pool);
    } else {
      TenantLimits limits = tenants.get(owner).map(t -> t.value().limits())
          .orElseThrow(() -> Refusal.unauthenticated("the key's tenant no longer exists"));
      PoolRepository.PutResult result = pools.put(pool, limits.maxPools(), limits.maxWarmBrowsers());
      if ("maxPools".equals(result.refused())) {
        throw Refusal.quotaReached("maxPools", "the tenant owns its maximum of " + limits.maxPools()
            + " pools");
      }
      if ("maxWarmBrowsers".equals(result.refused())) {
        throw Refusal.quotaReached("maxWarmBrowsers", "the tenant's pools would keep " + result.warm()
            + " browsers warm (their minIdle together), over its maximum of " + limits.maxWarmBrowsers());
      }
    }
    executor.execute(() -> keeper.tend(pool));
    return pool;
  }

  public Pool get(Principal caller, String name) {
    return resolve(caller, name);
  }

  public List<Pool> list(Principal caller) {
    return pools.visibleTo(caller.tenantId());
  }

  /** Drains and removes a pool: idle browsers stopped, sessions on it run on. {@code default} stays (409). */
  public void delete(Principal caller, String name) {
    Authenticator.require(caller, Role.ADMIN);
    if (Pool.DEFAULT.equals(name)) {
      throw Refusal.conflict("the default pool always exists; set its minIdle to 0 to empty it");
    }
    Pool pool = pools.get(caller.tenantId(), name).map(Versioned::value)
        .orElseThrow(() -> Refusal.notFound("pool", name));
    pools.delete(pool);
    keeper.drain(pool);
  }

  /** Drains and removes every pool {@code tenantId} owns, as its deletion does. Idempotent. */
  public void removeAllOf(String tenantId) {
    for (Pool pool : pools.visibleTo(tenantId)) {
      if (tenantId.equals(pool.owner())) {
        pools.delete(pool);
        keeper.drain(pool);
      }
    }
  }

  /** Idle and starting browsers of every pool, which count against the server's cap. */
  public int warmTotal() {
    return pools.warmTotal();
  }

  /**
   * Idle, starting and busy browsers of every pool, summed by {@link Pool#metricsLabel()} (what the pool gauges show:
   * tenants' pools are not told apart there). Reads every pool's browsers.
   */
  public Map<String, Map<String, Integer>> countsByMetricsLabel() {
    Map<String, PoolCounts> byLabel = new TreeMap<>();
    for (Pool p : pools.all()) {
      byLabel.merge(p.metricsLabel(), counts(p), PoolCounts::plus);
    }
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    byLabel.forEach((label, c) ->
        counts.put(label, Map.of("idle", c.idle(), "starting", c.starting(), "busy", c.busy())));
    return counts;
  }

  /** Live counts of {@code pool}. */
  public PoolCounts counts(Pool pool) {
    int idle = 0;
    int starting = 0;
    for (Versioned<PoolBrowser> b : pools.browsers(pool)) {
      if (b.value().state() == PoolBrowser.State.IDLE) {
        idle++;
      } else if (b.value().state() == PoolBrowser.State.STARTING) {
        starting++;
      }
    }
    return new PoolCounts(idle, starting, busy.applyAsInt(pool));
  }

  /**
   * 429 when {@code pool} already runs its {@code maxSessions}. While the pool has an idle browser the keeper has
   * already kept idle + busy within the limit, so the sessions are only counted when a cold start looms.
   */
  public void checkRoom(Pool pool) {
    if (Pool.SHARED.equals(pool.owner())
        || pools.browsers(pool).stream().anyMatch(b -> b.value().state() == PoolBrowser.State.IDLE)) {
      return;
    }
    if (busy.applyAsInt(pool) >= pool.maxSessions()) {
      throw Refusal.limitReached("pool " + pool.name() + " runs its maximum of " + pool.maxSessions()
          + " sessions", 5);
    }
  }

  /**
   * Claims a warm browser for {@code sessionId} when the create's browser options are the pool's; on a miss, tells
   * the tenant (rate-limited {@code pool.exhausted}). The keeper's next pass (every few hundred milliseconds in
   * standalone) tops the pool up: starting the replacement on the request's heels would compete with it for CPU.
   */
  public Optional<ClaimedBrowser> claim(Pool pool, BrowserOptions wanted, String tenantId, String sessionId) {
    if (!pool.browser().equals(wanted)) {
      return Optional.empty();
    }
    long t0 = System.nanoTime();
    Optional<ClaimedBrowser> claimed = claimer.claim(pool, sessionId);
    metrics.poolClaim(pool.metricsLabel(), claimed.isPresent(), (System.nanoTime() - t0) / 1e9);
    if (claimed.isEmpty()) {
      exhausted(pool, tenantId);
    }
    return claimed;
  }

  /**
   * Drops the record of a browser {@code sessionId} claimed once the session has recorded it (or given it up), so that
   * claims and counts do not read claimed records for the keeper's whole grace period. Idempotent; a failure only
   * leaves the record to the keeper.
   */
  public void settled(Pool pool, ClaimedBrowser claimed, String sessionId) {
    try {
      // recorded first, so that an agent's report finds the session once the claim record is gone
      index.settled(pool, claimed.handle().browserId(), sessionId);
      claimRecord(pool, claimed, sessionId).ifPresent(pools::removeBrowser);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "claim record of " + claimed.handle().browserId() + " left to the keeper: " + e);
    }
  }

  /**
   * Returns a browser {@code sessionId} claimed but could not use (its session was refused before it was written):
   * back to idle, since no client ever had its address; stopped when its record changed meanwhile. Never throws.
   */
  public void giveBack(Pool pool, ClaimedBrowser claimed, String sessionId) {
    try {
      Optional<Versioned<PoolBrowser>> record = claimRecord(pool, claimed, sessionId);
      if (record.isPresent() && pools.updateBrowser(record.get(), record.get().value().idleAgain())) {
        return;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not return " + claimed.handle().browserId() + " to its pool: " + e);
    }
    keeper.stopQuietly(claimed.handle());
  }

  /** The record of {@code claimed} while it is still claimed by {@code sessionId}. */
  private Optional<Versioned<PoolBrowser>> claimRecord(Pool pool, ClaimedBrowser claimed, String sessionId) {
    return pools.browser(pool, claimed.handle().browserId())
        .filter(b -> b.value().state() == PoolBrowser.State.CLAIMED && sessionId.equals(b.value().claimedBy()));
  }

  private void exhausted(Pool pool, String tenantId) {
    Instant now = clock.instant();
    String key = tenantId + "/" + pool.owner() + "/" + pool.name();
    Instant last = lastExhausted.get(key);
    if (last != null && now.isBefore(last.plus(EXHAUSTED_EVERY)) || pool.minIdle() == 0) {
      return;
    }
    lastExhausted.put(key, now);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pool", pool.name());
    data.put("minIdle", pool.minIdle());
    data.put("maxSessions", pool.maxSessions());
    Event event = new Event(ids.next(now), tenantId, Event.POOL_EXHAUSTED, now, data);
    store.write(io.browsergrid.auth.Tenant.partition(tenantId), List.of(outbox.entry(event)));
    outbox.committed(List.of(event));
  }
}
