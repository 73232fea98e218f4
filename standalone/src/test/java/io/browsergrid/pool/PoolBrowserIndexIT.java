package io.browsergrid.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.admission.StartQueue;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.local.LocalBrowserProvider;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which session holds a warm browser, as its agent's reports need it, on a real store. */
class PoolBrowserIndexIT {
  private static final Instant CLAIMED_AT = Instant.parse("2026-11-22T10:00:00Z");
  private static final String BROWSER = "pb-0123456789abcdef";
  private static final String SESSION = "fe5dfe75a2f2-cd749bc04d3284173427";

  @TempDir
  Path dir;

  @Test
  void theClaimRecordAnswersUntilTheClaimSettlesAndTheKeeperRecordsAClaimWhoseSettleWasLost() {
    try (SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("db"))) {
      JsonCodec json = new JsonCodec();
      PoolRepository pools = new PoolRepository(store, json);
      Clock later = Clock.fixed(CLAIMED_AT.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
      PoolBrowserIndex index = new PoolBrowserIndex(store, json, pools, later, true);
      Pool pool = new Pool("acme", "scrapers", "local", 0, 5, BrowserOptions.DEFAULT, Pool.Resources.DEFAULT, 300,
          CLAIMED_AT);
      pools.put(pool);

      index.started(pool, BROWSER);
      assertThat(index.sessionOf(BROWSER)).as("started, not claimed").isEmpty();
      pools.addBrowser(pool, new PoolBrowser(BROWSER, PoolBrowser.State.CLAIMED, "ref", "ws://x", "Chrome/150",
          CLAIMED_AT, CLAIMED_AT, SESSION, CLAIMED_AT));
      assertThat(index.sessionOf(BROWSER)).as("claimed, the claim record answers").contains(SESSION);

      // the settle was lost; past its grace the keeper drops the claim record and records the session instead
      new PoolKeeper(pools, new LocalBrowserProvider(TestLaunchers.sandboxed(), dir.resolve("browsers"), id -> { }),
          p -> 0, Runnable::run, later, Duration.ofSeconds(30), 1, index,
          new CdpTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), () -> 100,
          new StartQueue(store, json, later, new AdmissionSettings(2, Duration.ofSeconds(30)), Duration.ofSeconds(30)))
          .run();

      assertThat(pools.browser(pool, BROWSER)).as("the claim record is gone").isEmpty();
      assertThat(index.sessionOf(BROWSER)).contains(SESSION);
      assertThat(index.sessionOf("pb-ffffffffffffffff")).as("unknown").isEmpty();
      assertThat(new PoolBrowserIndex(store, json, pools, later, false).sessionOf(BROWSER))
          .as("where agents do not report, nothing is indexed or found").isEmpty();
    }
  }
}
