package io.browsergrid.session;

import io.browsergrid.auth.Tenant;
import io.browsergrid.problem.Refusal;
import io.browsergrid.store.Item;
import io.browsergrid.store.KeyValueStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's session creates per minute of the clock ({@code maxSessionsPerMinute}): one counter item per tenant and
 * minute ({@code rate:<epoch minute>} in its partition, expiring after two), taken by compare-and-set, so every
 * instance of a deployment counts the same creates.
 */
public final class CreateRate {
  private static final int MAX_ATTEMPTS = 200;
  private final KeyValueStore store;
  private final Clock clock;

  public CreateRate(KeyValueStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Counts one create of {@code tenant}.
   *
   * @throws Refusal limit reached with {@code Retry-After} (the seconds left in this minute) when the tenant has made
   *                          its {@code maxSessionsPerMinute} creates in it already
   */
  public void take(Tenant tenant) {
    Instant now = clock.instant();
    long minute = now.getEpochSecond() / 60;
    String partition = Tenant.partition(tenant.id());
    String key = "rate:" + minute;
    int max = tenant.limits().maxSessionsPerMinute();
    Instant expires = Instant.ofEpochSecond((minute + 2) * 60);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Item> item = store.get(partition, key);
      long count = item.map(i -> Long.parseLong(i.data())).orElse(0L);
      if (count >= max) {
        throw Refusal.limitReached("tenant " + tenant.name() + " made its maximum of " + max
            + " session creates this minute", (int) Math.max(1, (minute + 1) * 60 - now.getEpochSecond()));
      }
      if (store.writeOver(item, partition, key, Long.toString(count + 1), expires).isPresent()) {
        return;
      }
      Thread.onSpinWait();
    }
    throw Refusal.unavailable("too many concurrent creates; try again", 1);
  }
}
