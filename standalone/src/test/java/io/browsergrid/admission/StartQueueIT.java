package io.browsergrid.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.http.ProblemException;
import io.browsergrid.problem.Refusal;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start line on a real SQLite store: the bound, the order, the refusal, and tickets whose holder died. */
class StartQueueIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private SqliteKeyValueStore store;
  private final MovableClock clock = new MovableClock();

  /** A clock the test moves forward, for leases. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void open(@TempDir Path dir) {
    store = new SqliteKeyValueStore(dir.resolve("db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private StartQueue queue(int maxStarting, int maxQueueSeconds) {
    return new StartQueue(store, new JsonCodec(), clock,
        new AdmissionSettings(maxStarting, Duration.ofSeconds(maxQueueSeconds)), START_TIMEOUT);
  }

  @Test
  void atMostMaxStartingRunAtOnceAndTurnsComeInTheOrderCreatesJoined() throws Exception {
    StartQueue queue = queue(2, 600);
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "ses_" + i;
      queue.join(id);
      joined.add(id);
    }
    List<String> admittedOrder = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Semaphore finish = new Semaphore(0);
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    List<String> lastFirst = new ArrayList<>(joined);
    java.util.Collections.reverse(lastFirst);
    for (String id : lastFirst) {
      starts.add(CompletableFuture.runAsync(() -> {
        try {
          assertThat(queue.awaitTurn(id, clock.instant().plus(START_TIMEOUT))).isTrue();
          admittedOrder.add(id);
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          assertThat(finish.tryAcquire(60, TimeUnit.SECONDS)).isTrue();
          running.decrementAndGet();
          queue.leave(id, Duration.ofMillis(500));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (int done = 0; done < 8; done++) {
      int expected = Math.min(2, 8 - done);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (admittedOrder.size() < done + expected && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(admittedOrder).hasSize(done + expected);
      assertThat(queue.counts().starting()).isEqualTo(expected);
      assertThat(queue.counts().queued()).isEqualTo(8 - done - expected);
      finish.release();
      long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (queue.counts().starting() + queue.counts().queued() > 8 - done - 1 && System.nanoTime() < gone) {
        Thread.onSpinWait();
      }
    }
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertThat(mostAtOnce.get()).isEqualTo(2);
    // the first two are admitted together, so only their order between them is open
    assertThat(admittedOrder.subList(0, 2)).containsExactlyInAnyOrderElementsOf(joined.subList(0, 2));
    assertThat(admittedOrder.subList(2, 8)).isEqualTo(joined.subList(2, 8));
    assertThat(queue.counts()).isEqualTo(new StartQueue.Counts(0, 0));
  }

  @Test
  void aLineLongerThanTheWaitAllowsIsRefusedWithARetryAfterFromTheMeasuredRate() {
    StartQueue queue = queue(1, 2);
    // nothing measured yet: 1 s a start, so 2 s of waiting is 2 creates behind the one that starts first
    queue.join("ses_a");
    queue.join("ses_b");
    queue.join("ses_c");
    assertThatThrownBy(() -> queue.join("ses_d")).isInstanceOfSatisfying(Refusal.class, r -> {
      ProblemException p = ProblemException.of(r);
      assertThat(p.status()).isEqualTo(429);
      assertThat(p.headers()).containsEntry("Retry-After", "1");
      assertThat(p.getMessage()).contains("start queue is full");
    });
    queue.join("ses_b");
    assertThat(queue.counts().queued()).as("joining twice keeps one place").isEqualTo(3);

    queue.leave("ses_a", Duration.ofMillis(250));
    queue.leave("ses_b", Duration.ofMillis(250));
    // measured: 0.25 s a start, so 2 s of waiting is 8 creates
    for (int i = 0; i < 8; i++) {
      queue.join("ses_more" + i);
    }
    assertThatThrownBy(() -> queue.join("ses_over")).isInstanceOfSatisfying(Refusal.class,
        r -> assertThat(ProblemException.of(r).headers()).containsEntry("Retry-After", "1"));
  }

  @Test
  void aTicketWhoseHolderDiedRunsOutAndTheNextTakesItsTurn() throws Exception {
    StartQueue queue = queue(1, 600);
    queue.join("ses_dead");
    queue.join("ses_live");
    CompletableFuture<Boolean> live = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.awaitTurn("ses_live", clock.instant().plus(START_TIMEOUT));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (System.nanoTime() < deadline && !live.isDone()) {
      Thread.onSpinWait();
    }
    assertThat(live).as("a waiting ticket ahead holds the turn").isNotDone();
    clock.advance(StartQueue.WAITING_LEASE.plusSeconds(1));
    assertThat(live.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(queue.counts()).isEqualTo(new StartQueue.Counts(1, 0));
  }

  @Test
  void aTurnThatDoesNotComeByTheDeadlineGivesUpAndLeavesTheLine() throws Exception {
    StartQueue queue = queue(1, 600);
    queue.join("ses_first");
    assertThat(queue.awaitTurn("ses_first", clock.instant().plus(START_TIMEOUT))).isTrue();
    queue.join("ses_late");
    assertThat(queue.awaitTurn("ses_late", clock.instant().minusMillis(1))).isFalse();
    assertThat(queue.counts()).isEqualTo(new StartQueue.Counts(1, 0));
    queue.clear();
    assertThat(queue.counts()).isEqualTo(new StartQueue.Counts(0, 0));
  }
}
