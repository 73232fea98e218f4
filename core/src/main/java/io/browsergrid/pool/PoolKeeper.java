package io.browsergrid.pool;

import io.browsergrid.admission.StartQueue;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.problem.Refusal;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.store.Versioned;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * Keeps every pool at its {@code minIdle}: starts browsers in the background at a bounded rate (at most
 * {@code maxConcurrentStarts} starting per pool), discards idle browsers that died, retires those idle past
 * {@code maxIdleSeconds}, and drops claimed records once their session has taken the browser over. Runs from the
 * cleanup schedule and after every claim; idempotent, and safe to run twice at once (every change is a
 * compare-and-set; an extra browser at worst).
 */
public final class PoolKeeper {
  private static final Logger LOG = System.getLogger(PoolKeeper.class.getName());
  /** A claimed record is kept this long, for the claiming session to record the browser. */
  private static final Duration CLAIM_GRACE = Duration.ofSeconds(60);

  /** Browsers the server may still run: its cap less its sessions and its warm browsers. */
  private final IntSupplier serverRoom;
  private final PoolRepository pools;
  private final PoolBrowserIndex index;
  private final CdpTokens tokens;
  private final BrowserProvider provider;
  private final ToIntFunction<Pool> busy;
  private final Executor executor;
  private final Clock clock;
  private final Duration startTimeout;
  private final int maxConcurrentStarts;
  private final SecureRandom random = new SecureRandom();
  /** One tend of a pool at a time in this instance: two at once would both count the same gap and fill it twice. */
  private final ConcurrentMap<String, Object> tending = new ConcurrentHashMap<>();
  private final StartQueue starts;

  /**
   * @param busy   live sessions on a pool, to keep idle + starting + busy within {@code maxSessions}
   * @param index  where each browser's pool is recorded as its start begins (for agents' reports)
   * @param tokens the CDP token each browser's agent is started with, derived from the browser's id
   * @param starts the start line every browser start waits its turn in, cold or warm
   */
  public PoolKeeper(PoolRepository pools, BrowserProvider provider, ToIntFunction<Pool> busy, Executor executor,
      Clock clock, Duration startTimeout, int maxConcurrentStarts, PoolBrowserIndex index, CdpTokens tokens,
      IntSupplier serverRoom, StartQueue starts) {
    this.serverRoom = serverRoom;
    this.starts = starts;
    this.index = index;
    this.tokens = tokens;
    this.pools = pools;
    this.provider = provider;
    this.busy = busy;
    this.executor = executor;
    this.clock = clock;
    this.startTimeout = startTimeout;
    this.maxConcurrentStarts = maxConcurrentStarts;
  }

  /** Tends every pool once. */
  public void run() {
    for (Pool pool : pools.all()) {
      try {
        tend(pool);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "tending pool " + pool.name() + " failed: " + e.getMessage());
      }
    }
  }

  /**
   * Tends one pool: discard the dead, retire the old, start what is missing. Tends of the same pool in this instance
   * run one after the other, so each counts the browsers the one before it started.
   */
  public void tend(Pool pool) {
    synchronized (tending.computeIfAbsent(pool.owner() + "/" + pool.name(), key -> new Object())) {
      tendAlone(pool);
    }
  }

  private void tendAlone(Pool pool) {
    Instant now = clock.instant();
    int idle = 0;
    int starting = 0;
    for (Versioned<PoolBrowser> record : pools.browsers(pool)) {
      PoolBrowser b = record.value();
      BrowserHandle handle = new BrowserHandle(b.browserId(), b.ref());
      switch (b.state()) {
        case IDLE -> {
          boolean dead = provider.state(handle).phase() != BrowserState.Phase.RUNNING;
          boolean old = now.isAfter(b.idleSince().plusSeconds(pool.maxIdleSeconds()));
          if (dead || old) {
            discard(record);
          } else {
            idle++;
          }
        }
        case STARTING -> {
          if (now.isAfter(b.startedAt().plus(startTimeout).plus(startTimeout))) {
            discard(record);
          } else {
            starting++;
          }
        }
        case CLAIMED -> {
          if (now.isAfter(b.claimedAt().plus(CLAIM_GRACE))) {
            // the claim never settled (its settle was lost, say with a frozen function instance): record it here
            index.settled(pool, b.browserId(), b.claimedBy());
            pools.removeBrowser(record);
          }
        }
        default -> throw new IllegalStateException("unknown state " + b.state());
      }
    }
    int missing = pool.minIdle() - idle - starting;
    int room = pool.maxSessions() - idle - starting - (missing > 0 ? busy.applyAsInt(pool) : 0);
    int toStart = Math.min(missing, Math.min(room, maxConcurrentStarts - starting));
    if (toStart > 0) {
      // warm browsers count against the server's cap like sessions do: never start past it
      toStart = Math.min(toStart, serverRoom.getAsInt());
    }
    for (int i = 0; i < toStart; i++) {
      startOne(pool);
    }
  }

  /** Stops every pool browser and forgets it: server shutdown, and a start after a crash. */
  public void drainAll() {
    pools.all().forEach(this::drain);
  }

  /** Stops every idle and starting browser of {@code pool} (claimed ones belong to their sessions). */
  public void drain(Pool pool) {
    for (Versioned<PoolBrowser> record : pools.browsers(pool)) {
      if (record.value().state() == PoolBrowser.State.CLAIMED) {
        index.settled(pool, record.value().browserId(), record.value().claimedBy());
        pools.removeBrowser(record);
      } else {
        discard(record);
      }
    }
  }

  /** Ids of every browser a pool holds (starting, idle, or claimed but not yet recorded by its session). */
  public Set<String> browserIds() {
    Set<String> ids = new HashSet<>();
    for (Pool pool : pools.all()) {
      pools.browsers(pool).forEach(b -> ids.add(b.value().browserId()));
    }
    return ids;
  }

  private void discard(Versioned<PoolBrowser> record) {
    if (pools.removeBrowser(record)) {
      stopQuietly(new BrowserHandle(record.value().browserId(), record.value().ref()));
    }
  }

  private void startOne(Pool pool) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    String id = PoolBrowser.ID_PREFIX + HexFormat.of().formatHex(bytes);
    PoolBrowser starting = new PoolBrowser(id, PoolBrowser.State.STARTING, null, null, null, clock.instant(), null,
        null, null);
    pools.addBrowser(pool, starting);
    executor.execute(() -> warm(pool, id));
  }

  /**
   * Starts browser {@code id} of {@code pool} in its turn: warm starts take their places in the same start line as
   * cold ones, so all the server's starts together stay within the admission bound. A line too long, or a turn that
   * does not come within the start timeout, drops this top-up (the next pass tries again).
   */
  private void warm(Pool pool, String id) {
    try {
      starts.join(id);
    } catch (Refusal lineFull) {
      record(pool, id).ifPresent(pools::removeBrowser);
      return;
    }
    Duration took = null;
    try {
      if (!starts.awaitTurn(id, clock.instant().plus(startTimeout))) {
        record(pool, id).ifPresent(pools::removeBrowser);
        return;
      }
      Instant admitted = clock.instant();
      if (warmAdmitted(pool, id)) {
        took = Duration.between(admitted, clock.instant());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record(pool, id).ifPresent(pools::removeBrowser);
    } finally {
      starts.leave(id, took);
    }
  }

  /** Starts browser {@code id} now; true when it runs and the pool keeps it. */
  private boolean warmAdmitted(Pool pool, String id) {
    try {
      index.started(pool, id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "pool " + pool.name() + " could not record a browser's start: " + e.getMessage());
      record(pool, id).ifPresent(pools::removeBrowser);
      return false;
    }
    BrowserHandle handle;
    try {
      handle = provider.start(new BrowserSpec(id, pool.browser(), Map.of("pool", pool.name(), "owner", pool.owner()),
          tokens.token(id)));
    } catch (BrowserProviderException e) {
      LOG.log(Level.WARNING, "pool " + pool.name() + " could not start a browser: " + e.getMessage());
      record(pool, id).ifPresent(pools::removeBrowser);
      return false;
    }
    BrowserState state = provider.awaitReady(handle, startTimeout);
    var record = record(pool, id);
    boolean kept = false;
    if (state.phase() == BrowserState.Phase.RUNNING && record.isPresent()) {
      PoolBrowser b = record.get().value();
      kept = pools.updateBrowser(record.get(), new PoolBrowser(id, PoolBrowser.State.IDLE, handle.ref(),
          state.cdpEndpoint(), state.version(), b.startedAt(), clock.instant(), null, null));
    } else {
      record.ifPresent(pools::removeBrowser);
    }
    if (!kept) {
      stopQuietly(handle);
    }
    return kept;
  }

  private Optional<Versioned<PoolBrowser>> record(Pool pool, String id) {
    return pools.browser(pool, id);
  }

  /** Stops {@code handle}, logging instead of throwing. */
  void stopQuietly(BrowserHandle handle) {
    try {
      provider.stop(handle);
    } catch (BrowserProviderException e) {
      LOG.log(Level.WARNING, "could not stop pool browser " + handle.browserId() + ": " + e.getMessage());
    }
  }
}
