package io.browsergrid.store;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyValueStore} adapter promises, run against a real engine. An adapter's integration test
 * extends this class and implements {@link #store()}. Every test works in partitions of its own, so the store may be
 * shared between tests and need not be empty.
 */
public abstract class KeyValueStoreContract {
  private static final Duration RACE_TIMEOUT = Duration.ofSeconds(30);

  private final Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1)).plusMillis(123);
  private String partition;

  /** The store under test; must return the same instance for the whole of one test. */
  protected abstract KeyValueStore store();

  /**
   * Whether the engine isolates concurrent writes, which the race tests need. Only an adapter tested against an
   * emulator that is known not to (see DEPENDENCIES.md) answers {@code false}; the real store must.
   */
  protected boolean engineIsolatesConcurrentWrites() {
    return true;
  }

  @BeforeEach
  void newPartition() {
    partition = "kvc-" + UUID.randomUUID();
  }

  @Test
  void getOfMissingKeyIsEmpty() {
    assertThat(store().get(partition, "missing")).isEmpty();
  }

  @Test
  void putIfAbsentCreatesVersionOneThatReadsBack() {
    Item created = store().putIfAbsent(partition, "k", "{\"a\":1}", later).orElseThrow();

    assertThat(created).isEqualTo(new Item(partition, "k", 1, "{\"a\":1}", later));
    assertThat(store().get(partition, "k")).contains(created);
  }

  @Test
  void itemWithoutExpiryReadsBackWithoutExpiry() {
    store().putIfAbsent(partition, "k", "{}", null).orElseThrow();

    assertThat(store().get(partition, "k").orElseThrow().expiresAt()).isNull();
  }

  @Test
  void putIfAbsentOnExistingKeyIsEmptyAndChangesNothing() {
    Item first = store().putIfAbsent(partition, "k", "{\"a\":1}", later).orElseThrow();

    assertThat(store().putIfAbsent(partition, "k", "{\"a\":2}", null)).isEmpty();
    assertThat(store().get(partition, "k")).contains(first);
  }

  @Test
  void compareAndSetOnCurrentVersionReplacesAndIncrementsVersion() {
    Item v1 = store().putIfAbsent(partition, "k", "{\"a\":1}", later).orElseThrow();

    Item v2 = store().compareAndSet(v1, "{\"a\":2}", null).orElseThrow();

    assertThat(v2).isEqualTo(new Item(partition, "k", 2, "{\"a\":2}", null));
    assertThat(store().get(partition, "k")).contains(v2);
    assertThat(store().compareAndSet(v2, "{\"a\":3}", later)).contains(new Item(partition, "k", 3, "{\"a\":3}", later));
  }

  @Test
  void compareAndSetOnStaleVersionIsEmptyAndChangesNothing() {
    Item v1 = store().putIfAbsent(partition, "k", "{\"a\":1}", null).orElseThrow();
    Item v2 = store().compareAndSet(v1, "{\"a\":2}", null).orElseThrow();

    assertThat(store().compareAndSet(v1, "{\"a\":3}", null)).isEmpty();
    assertThat(store().get(partition, "k")).contains(v2);
  }

  @Test
  void compareAndSetOfDeletedItemFailsAndDoesNotRecreateIt() {
    Item v1 = store().putIfAbsent(partition, "k", "{}", null).orElseThrow();
    store().delete(partition, "k");

    assertThat(store().compareAndSet(v1, "{\"a\":2}", null)).isEmpty();
    assertThat(store().get(partition, "k")).isEmpty();
  }

  @Test
  void deleteRemovesTheItemAndIsIdempotent() {
    store().putIfAbsent(partition, "k", "{}", null).orElseThrow();

    store().delete(partition, "k");
    assertThat(store().get(partition, "k")).isEmpty();
    assertThatCode(() -> store().delete(partition, "k")).doesNotThrowAnyException();
    assertThatCode(() -> store().delete(partition, "never-there")).doesNotThrowAnyException();
  }

  @Test
  void atomicWriteAppliesEveryPutAndDeleteAndReturnsThePutsInOrder() {
    Item a = create("a", "{\"a\":1}");
    create("b", "{\"b\":1}");
    create("c", "{\"c\":1}");

    List<Item> written = store().write(partition, List.of(
        Write.create("new", "{\"new\":1}", later),
        new Write.Delete("b", Write.Condition.version(1)),
        Write.replace("a", a.version(), "{\"a\":2}", null),
        new Write.Delete("c", Write.Condition.any())));

    assertThat(written).containsExactly(
        new Item(partition, "new", 1, "{\"new\":1}", later),
        new Item(partition, "a", 2, "{\"a\":2}", null));
    assertThat(store().get(partition, "new")).contains(written.get(0));
    assertThat(store().get(partition, "a")).contains(written.get(1));
    assertThat(store().get(partition, "b")).isEmpty();
    assertThat(store().get(partition, "c")).isEmpty();
  }

  @Test
  void atomicWriteWithOneFailingConditionWritesNothingAtAll() {
    Item a = create("a", "{\"a\":1}");
    Item b = create("b", "{\"b\":1}");
    Item taken = create("taken", "{\"taken\":1}");

    assertThatThrownBy(() -> store().write(partition, List.of(
        Write.create("new", "{}", null),
        Write.replace("a", a.version(), "{\"a\":2}", null),
        new Write.Delete("b", Write.Condition.any()),
        Write.create("taken", "{\"taken\":2}", null))))
        .isInstanceOf(ConditionFailedException.class);

    assertThat(store().get(partition, "new")).isEmpty();
    assertThat(store().get(partition, "a")).contains(a);
    assertThat(store().get(partition, "b")).contains(b);
    assertThat(store().get(partition, "taken")).contains(taken);
  }

  @Test
  void deleteOnAChangedVersionFailsTheWholeWrite() {
    Item a = create("a", "{\"a\":1}");
    Item a2 = store().compareAndSet(a, "{\"a\":2}", null).orElseThrow();

    assertThatThrownBy(() -> store().write(partition, List.of(
        Write.create("new", "{}", null),
        new Write.Delete("a", Write.Condition.version(a.version())))))
        .isInstanceOf(ConditionFailedException.class);

    assertThat(store().get(partition, "a")).contains(a2);
    assertThat(store().get(partition, "new")).isEmpty();
  }

  @Test
  void deleteOnAVersionOfAMissingItemFails() {
    assertThatThrownBy(() -> store().write(partition, List.of(new Write.Delete("gone", Write.Condition.version(1)))))
        .isInstanceOf(ConditionFailedException.class);
  }

  @Test
  void atomicWriteRejectsAnEmptyBatch() {
    assertThatThrownBy(() -> store().write(partition, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void atomicWriteRejectsMoreThanMaxWritesAndWritesNothing() {
    List<Write> tooMany = creates(Keys.MAX_WRITES + 1);

    assertThatThrownBy(() -> store().write(partition, tooMany)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store().query(partition, "", null, 1000).items()).isEmpty();
  }

  @Test
  void atomicWriteRejectsADuplicateKeyAndWritesNothing() {
    List<Write> duplicate = List.of(Write.create("x", "{}", null), Write.create("y", "{}", null),
        new Write.Delete("x", Write.Condition.any()));

    assertThatThrownBy(() -> store().write(partition, duplicate)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store().query(partition, "", null, 1000).items()).isEmpty();
  }

  @Test
  void atomicWriteOfMaxWritesSucceeds() {
    List<Item> written = store().write(partition, creates(Keys.MAX_WRITES));

    assertThat(written).hasSize(Keys.MAX_WRITES);
    assertThat(store().query(partition, "", null, 1000).items()).hasSize(Keys.MAX_WRITES);
  }

  @Test
  void queryReturnsOnlyKeysStartingWithThePrefix() {
    for (String key : List.of("a", "a.", "a:", "a:1", "a:2", "a:2:x", "a:~", "a=", "ab:1", "b:1", "A:1", "9")) {
      create(key, "{}");
    }

    assertThat(keys(store().query(partition, "a:", null, 100))).containsExactly("a:", "a:1", "a:2", "a:2:x", "a:~");
    assertThat(keys(store().query(partition, "a:2", null, 100))).containsExactly("a:2", "a:2:x");
    assertThat(store().query(partition, "zzz", null, 100).items()).isEmpty();
  }

  @Test
  void queryReturnsItemsAscendingInStringOrder() {
    List<String> keys = new ArrayList<>(List.of("k-", "k.", "k0", "k9", "k:", "k=", "kA", "kZ", "k_", "ka", "kz", "k~",
        "k0.1", "k00", "k1", "k10", "k2"));
    Collections.shuffle(keys, new Random(7));
    keys.forEach(key -> create(key, "{\"key\":\"" + key + "\"}"));

    Page page = store().query(partition, "k", null, 100);

    assertThat(keys(page)).containsExactlyElementsOf(keys.stream().sorted().toList());
    assertThat(page.items()).allSatisfy(item -> {
      assertThat(item.partition()).isEqualTo(partition);
      assertThat(item.data()).isEqualTo("{\"key\":\"" + item.key() + "\"}");
      assertThat(item.version()).isEqualTo(1);
    });
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void queryDoesNotSeeOtherPartitions() {
    String other = partition + "-other";
    create("x:1", "{}");
    store().putIfAbsent(other, "x:2", "{}", null).orElseThrow();

    assertThat(keys(store().query(partition, "x:", null, 100))).containsExactly("x:1");
    assertThat(keys(store().query(other, "", null, 100))).containsExactly("x:2");
    assertThat(store().query(partition + "-none", "", null, 100).items()).isEmpty();
  }

  @Test
  void queryWithEmptyPrefixReturnsTheWholePartition() {
    List.of("b", "a:1", "c~").forEach(key -> create(key, "{}"));

    assertThat(keys(store().query(partition, "", null, 100))).containsExactly("a:1", "b", "c~");
  }

  @Test
  void pagesFollowCursorsAndCoverEveryItemExactlyOnce() {
    List<String> expected = IntStream.range(0, 25).mapToObj(i -> String.format("p:%03d", i)).toList();
    store().write(partition, expected.stream().map(key -> Write.create(key, "{}", null)).toList());
    create("q:000", "{}");

    Page first = store().query(partition, "p:", null, 10);
    Page second = store().query(partition, "p:", first.nextCursor(), 10);
    Page third = store().query(partition, "p:", second.nextCursor(), 10);

    assertThat(keys(first)).containsExactlyElementsOf(expected.subList(0, 10));
    assertThat(first.nextCursor()).isEqualTo("p:009");
    assertThat(keys(second)).containsExactlyElementsOf(expected.subList(10, 20));
    assertThat(second.nextCursor()).isEqualTo("p:019");
    assertThat(keys(third)).containsExactlyElementsOf(expected.subList(20, 25));
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void aFullLastPageIsFollowedByAnEmptyPage() {
    store().write(partition, creates(20));

    Page second = store().query(partition, "", store().query(partition, "", null, 10).nextCursor(), 10);
    Page third = store().query(partition, "", second.nextCursor(), 10);

    assertThat(second.items()).hasSize(10);
    assertThat(second.nextCursor()).isEqualTo(second.items().get(9).key());
    assertThat(third.items()).isEmpty();
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void queryContinuesAfterAnyCursorKeyEvenOneThatDoesNotExist() {
    List.of("e:1", "e:3", "e:5").forEach(key -> create(key, "{}"));

    assertThat(keys(store().query(partition, "e:", "e:2", 10))).containsExactly("e:3", "e:5");
    assertThat(keys(store().query(partition, "e:", "e:3", 10))).containsExactly("e:5");
    assertThat(keys(store().query(partition, "e:", "a", 10))).containsExactly("e:1", "e:3", "e:5");
    assertThat(store().query(partition, "e:", "e:5", 10).items()).isEmpty();
  }

  @Test
  void queryLimitMustBeBetweenOneAndAThousand() {
    create("k", "{}");

    assertThatThrownBy(() -> store().query(partition, "", null, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().query(partition, "", null, 1001)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store().query(partition, "", null, 1).items()).hasSize(1);
    assertThat(store().query(partition, "", null, 1000).items()).hasSize(1);
  }

  @Test
  void largeDocumentRoundTrips() {
    String data = "{\"blob\":\"" + "0123456789abcdef".repeat(1812) + "\"}";
    assertThat(data.length()).isBetween(29_000, Keys.MAX_DATA_CHARS);

    Item v1 = store().putIfAbsent(partition, "big", data, null).orElseThrow();
    Item v2 = store().compareAndSet(v1, data.replace('0', 'x'), null).orElseThrow();

    assertThat(store().get(partition, "big").orElseThrow().data()).isEqualTo(v2.data());
    assertThat(store().query(partition, "big", null, 1).items().get(0).data()).isEqualTo(v2.data());
  }

  @Test
  void unicodeDocumentRoundTrips() {
    String data = "{\"text\":\"Grüße, 東京, Ελλάδα, ‘quotes’ “more”, emoji 🚀🧪, combining e\u0301, tab\\t, nl\\n,"
        + " backslash \\\\, quote \\\", raw\ttab and\nnewline, rtl עברית\"}";

    store().putIfAbsent(partition, "u", data, null).orElseThrow();

    assertThat(store().get(partition, "u").orElseThrow().data()).isEqualTo(data);
    assertThat(store().query(partition, "u", null, 1).items().get(0).data()).isEqualTo(data);
  }

  @Test
  void anItemPastItsExpiryIsWrittenAndMayStillBeRead() {
    Instant past = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));

    Item written = store().putIfAbsent(partition, "old", "{}", past).orElseThrow();

    assertThat(written.expiresAt()).isEqualTo(past);
    store().get(partition, "old").ifPresent(read -> assertThat(read).isEqualTo(written));
  }

  @Test
  void ofManyCompareAndSetsFromTheSameVersionExactlyOneWins() throws Exception {
    assumeTrue(engineIsolatesConcurrentWrites(), "engine does not isolate concurrent writes");
    Item v1 = create("contested", "{\"winner\":null}");

    List<Optional<Item>> results = race(16, id -> () -> store().compareAndSet(v1, "{\"winner\":" + id + "}", null));

    List<Item> winners = results.stream().flatMap(Optional::stream).toList();
    assertThat(winners).hasSize(1);
    assertThat(winners.get(0).version()).isEqualTo(2);
    assertThat(store().get(partition, "contested")).contains(winners.get(0));
  }

  @Test
  void concurrentReadCompareAndSetIncrementsAreNeverLost() throws Exception {
    assumeTrue(engineIsolatesConcurrentWrites(), "engine does not isolate concurrent writes");
    create("counter", count(0));
    long deadline = System.nanoTime() + RACE_TIMEOUT.toNanos();

    race(8, id -> () -> {
      for (int i = 0; i < 50; i++) {
        while (!increment("counter")) {
          assertThat(System.nanoTime()).as("increment before deadline").isLessThan(deadline);
        }
      }
      return null;
    });

    Item counter = store().get(partition, "counter").orElseThrow();
    assertThat(countOf(counter)).isEqualTo(400);
    assertThat(counter.version()).isEqualTo(401);
  }

  @Test
  void racingMultiItemWritesConserveTheSumAndLogEveryCommit() throws Exception {
    assumeTrue(engineIsolatesConcurrentWrites(), "engine does not isolate concurrent writes");
    int accounts = 4;
    int start = 100;
    store().write(partition, IntStream.range(0, accounts)
        .mapToObj(a -> Write.create("acct:" + a, count(start), null)).toList());

    List<Integer> committed = race(8, id -> () -> transfers(id, accounts, 30));

    int total = committed.stream().mapToInt(Integer::intValue).sum();
    List<Item> balances = queryAll("acct:");
    assertThat(balances).hasSize(accounts).allSatisfy(item -> assertThat(countOf(item)).isNotNegative());
    assertThat(balances.stream().mapToInt(KeyValueStoreContract::countOf).sum()).isEqualTo(accounts * start);
    assertThat(total).isPositive();
    assertThat(queryAll("log:")).hasSize(total);
  }

  /** Tries {@code attempts} one-unit moves between random accounts; returns how many committed. */
  private int transfers(int thread, int accounts, int attempts) {
    Random random = new Random(thread);
    int committed = 0;
    for (int i = 0; i < attempts; i++) {
      int from = random.nextInt(accounts);
      int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
      Item source = store().get(partition, "acct:" + from).orElseThrow();
      Item target = store().get(partition, "acct:" + to).orElseThrow();
      if (countOf(source) == 0) {
        continue;
      }
      try {
        store().write(partition, List.of(
            Write.replace(source.key(), source.version(), count(countOf(source) - 1), null),
            Write.replace(target.key(), target.version(), count(countOf(target) + 1), null),
            Write.create("log:" + thread + ":" + i, "{\"from\":" + from + ",\"to\":" + to + "}", null)));
        committed++;
      } catch (ConditionFailedException raced) {
        // another thread moved one of the two accounts first; this attempt simply does not count
      }
    }
    return committed;
  }

  private boolean increment(String key) {
    Item current = store().get(partition, key).orElseThrow();
    return store().compareAndSet(current, count(countOf(current) + 1), null).isPresent();
  }

  /** Runs one task per thread, all released at once, and returns their results in thread order. */
  private static <T> List<T> race(int threads, IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<T> body = task.apply(t);
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return body.call();
        }));
      }
      long deadline = System.nanoTime() + RACE_TIMEOUT.toNanos();
      assertThat(ready.await(RACE_TIMEOUT.toNanos(), NANOSECONDS)).as("all threads started").isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Math.max(0, deadline - System.nanoTime()), NANOSECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private Item create(String key, String data) {
    return store().putIfAbsent(partition, key, data, null).orElseThrow();
  }

  private static List<Write> creates(int n) {
    return IntStream.range(0, n).mapToObj(i -> Write.create(String.format("w:%03d", i), "{}", null)).toList();
  }

  private List<Item> queryAll(String prefix) {
    List<Item> all = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store().query(partition, prefix, cursor, 7);
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  private static List<String> keys(Page page) {
    return page.items().stream().map(Item::key).toList();
  }

  private static String count(int n) {
    return "{\"n\":" + n + "}";
  }

  private static int countOf(Item item) {
    String data = item.data();
    return Integer.parseInt(data.substring(data.indexOf(':') + 1, data.indexOf('}')));
  }
}
