package io.browsergrid.pool;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.store.Versioned;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Claims an idle browser of a pool for a session: one compare-and-set on its record, the only work on a warm
 * create's path. A browser found dead is discarded and the next one tried, so no session is handed a dead browser.
 * Racing claimers start at random places in the list, so they rarely collide.
 */
public final class PoolClaimer {
  private final PoolRepository pools;
  private final BrowserProvider provider;
  private final Clock clock;

  public PoolClaimer(PoolRepository pools, BrowserProvider provider, Clock clock) {
    this.pools = pools;
    this.provider = provider;
    this.clock = clock;
  }

  /** An idle browser of {@code pool}, now the session's; empty when none is left (a miss). */
  public Optional<ClaimedBrowser> claim(Pool pool, String sessionId) {
    List<Versioned<PoolBrowser>> idle = pools.browsers(pool).stream()
        .filter(b -> b.value().state() == PoolBrowser.State.IDLE).toList();
    int n = idle.size();
    int first = n == 0 ? 0 : ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      Versioned<PoolBrowser> candidate = idle.get((first + i) % n);
      PoolBrowser b = candidate.value();
      BrowserHandle handle = new BrowserHandle(b.browserId(), b.ref());
      if (provider.state(handle).phase() != BrowserState.Phase.RUNNING) {
        if (pools.removeBrowser(candidate)) {
          provider.stop(handle);
        }
        continue;
      }
      if (pools.updateBrowser(candidate, b.claimed(sessionId, clock.instant()))) {
        return Optional.of(new ClaimedBrowser(handle, b.cdpEndpoint(), b.version()));
      }
    }
    return Optional.empty();
  }
}
