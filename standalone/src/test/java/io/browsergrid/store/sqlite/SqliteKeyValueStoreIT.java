package io.browsergrid.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.store.Item;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.KeyValueStoreContract;
import io.browsergrid.store.StoreUnavailableException;
import io.browsergrid.store.Write;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store passes the contract on a real database file, survives reopening and collects expired items. */
class SqliteKeyValueStoreIT extends KeyValueStoreContract {
  @TempDir
  Path dir;

  private Path file;
  private SqliteKeyValueStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("nested/folder/store.db");
    store = new SqliteKeyValueStore(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected KeyValueStore store() {
    return store;
  }

  @Test
  void dataSurvivesClosingAndReopening() {
    Instant expiry = Instant.parse("2040-01-02T03:04:05.678Z");
    Item a = store.putIfAbsent("p", "a", "{\"a\":1}", expiry).orElseThrow();
    Item a2 = store.compareAndSet(a, "{\"a\":2}", expiry).orElseThrow();
    store.write("p", List.of(Write.create("b", "{\"b\":1}", null), Write.create("c", "{\"c\":1}", null)));
    store.delete("p", "c");
    store.close();

    store = new SqliteKeyValueStore(file);

    assertThat(store.get("p", "a")).contains(a2);
    assertThat(store.query("p", "", null, 10).items()).extracting(Item::key).containsExactly("a", "b");
    assertThat(store.compareAndSet(a2, "{\"a\":3}", null).orElseThrow().version()).isEqualTo(3);
  }

  @Test
  void writesFromManyThreadsCommittedTogetherAreEachAnsweredAndAllSurviveReopening() throws Exception {
    int threads = 16;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        int won = 0;
        for (int i = 0; i < each; i++) {
          // every thread races for the same shared keys too, so batches mix refused and accepted writes
          store.putIfAbsent("p", String.format("t%02d-%03d", thread, i), "{}", null).orElseThrow();
          won += store.putIfAbsent("p", String.format("shared-%03d", i), "{\"by\":" + thread + "}", null)
              .isPresent() ? 1 : 0;
        }
        return won;
      }));
    }
    int sharedWon = 0;
    for (Future<Integer> f : done) {
      sharedWon += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    store.close();

    store = new SqliteKeyValueStore(file);

    assertThat(sharedWon).as("each shared key won exactly once").isEqualTo(each);
    assertThat(store.query("p", "t", null, 1000).items()).hasSize(threads * each);
    assertThat(store.query("p", "shared-", null, 1000).items()).hasSize(each)
        .allSatisfy(item -> assertThat(item.version()).isEqualTo(1));
  }

  @Test
  void closedStoreIsUnavailable() {
    store.close();

    assertThatThrownBy(() -> store.get("p", "a")).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.putIfAbsent("p", "a", "{}", null)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void expiryReadsTheExpiryIndexNotTheTable() throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet plan = st.executeQuery("EXPLAIN QUERY PLAN DELETE FROM items"
            + " WHERE expires_at IS NOT NULL AND expires_at <= 0")) {
      StringBuilder steps = new StringBuilder();
      while (plan.next()) {
        steps.append(plan.getString("detail")).append('\n');
      }
      assertThat(steps.toString()).contains("SEARCH items USING INDEX items_by_expiry").doesNotContain("SCAN items");
    }
  }

  @Test
  void deleteExpiredRemovesOnlyItemsExpiredByNow() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.putIfAbsent("p", "past", "{}", now.minus(Duration.ofMinutes(1))).orElseThrow();
    store.putIfAbsent("q", "just", "{}", now).orElseThrow();
    store.putIfAbsent("p", "future", "{}", now.plusMillis(1)).orElseThrow();
    store.putIfAbsent("p", "forever", "{}", null).orElseThrow();

    assertThat(store.deleteExpired(now)).isEqualTo(2);

    assertThat(store.get("p", "past")).isEmpty();
    assertThat(store.get("q", "just")).isEmpty();
    assertThat(store.get("p", "future")).isPresent();
    assertThat(store.get("p", "forever")).isPresent();
    assertThat(store.deleteExpired(now)).isZero();
  }
}
