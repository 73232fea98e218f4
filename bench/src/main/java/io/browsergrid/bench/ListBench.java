package io.browsergrid.bench;

import io.browsergrid.event.EventIds;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.CoreSettings;
import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.api.PublicUrls;
import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.event.InMemoryEventQueue;
import io.browsergrid.event.Outbox;
import io.browsergrid.session.Session;
import io.browsergrid.session.SessionEvents;
import io.browsergrid.session.SessionIds;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionStatus;
import io.browsergrid.session.Transition;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import io.browsergrid.store.Versioned;
import io.browsergrid.store.Write;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /v1/sessions?status=running&limit=100} through the core's handler on SQLite, with 100 live sessions and
 * {@code ended} ended ones of the same tenant written straight into the store. No HTTP, no browsers: the cost of
 * the list itself.
 */
final class ListBench {
  private static final String KEY = "bg_bench-list-key-0123456789abcdefghijklmnopqrstuvwxyz01234";

  private ListBench() {}

  /** Median milliseconds of the list, over {@code calls} calls after a warm-up. */
  static double run(int live, int ended, int calls) throws Exception {
    Path dir = Files.createTempDirectory("browsergrid-bench-list");
    Clock clock = Clock.systemUTC();
    ExecutorService executor = Executors.newCachedThreadPool();
    try (SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("db"));
        InMemoryEventQueue queue = new InMemoryEventQueue(2, Duration.ofMillis(25))) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      BrowserGridCore core = BrowserGridCore.builder(store, new NoBrowsers(), queue,
          new CoreSettings(20_000, PublicUrls.plain("127.0.0.1", 1), secret, Duration.ofSeconds(60), false, false,
              OptionalInt.empty(), false, "off", new AdmissionSettings(2, Duration.ofSeconds(30))))
          .executor(executor).clock(clock).build();
      core.bootstrap(Optional.of(KEY));
      seed(store, live, ended, clock);
      HttpRequest list = new HttpRequest("GET", "/v1/sessions", Map.of("status", List.of("running"),
          "limit", List.of("100")), Map.of("authorization", "Bearer " + KEY), new byte[0]);
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < calls + 20; i++) {
        long t0 = System.nanoTime();
        HttpResponse r = core.api().handle(list);
        double took = (System.nanoTime() - t0) / 1e6;
        if (r.status() != 200) {
          throw new IllegalStateException("list failed: " + r.status());
        }
        if (i >= 20) {
          ms.add(took);
        }
      }
      return Stats.of(ms).median();
    } finally {
      executor.shutdownNow();
    }
  }

  private static void seed(SqliteKeyValueStore store, int live, int ended, Clock clock) {
    JsonCodec json = new JsonCodec();
    SessionIds ids = new SessionIds(new SecureRandom());
    SessionRepository sessions = new SessionRepository(store, json, new Outbox(store, json, (ref, delay) -> { }),
        new SessionEvents(new EventIds(new SecureRandom())));
    Instant start = clock.instant().minusSeconds(3600);
    List<Write> batch = new ArrayList<>();
    for (int i = 0; i < ended; i++) {
      Instant at = start.plusMillis(i);
      Session s = session(ids.next(at), at).moveTo(SessionStatus.STARTING, at, null).running("ws://gone", "Chrome", at)
          .moveTo(SessionStatus.STOPPED, at, "released");
      batch.add(Write.create("session:" + s.id(), json.encode(s), null));
      if (batch.size() == 100) {
        store.write(Tenant.partition(Tenant.DEFAULT_ID), batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      store.write(Tenant.partition(Tenant.DEFAULT_ID), batch);
    }
    for (int i = 0; i < live; i++) {
      Instant at = clock.instant().minusSeconds(60).plusMillis(i);
      Session s = session(ids.next(at), at);
      Versioned<Session> v = sessions.create(s, sessions.occupancy(Tenant.DEFAULT_ID));
      sessions.update(v, s.moveTo(SessionStatus.STARTING, at, null).running("ws://gone", "Chrome", at));
    }
  }

  private static Session session(String id, Instant at) {
    return new Session(id, Tenant.DEFAULT_ID, SessionStatus.PENDING, "default", "none", at, null, null,
        at.plusSeconds(21_600), 21_600, 0, null, Map.of(), BrowserOptions.DEFAULT, false, null, null, null, null,
        List.of(new Transition(SessionStatus.PENDING, at, null)));
  }

  /** A provider that runs no browser: the list never needs one. */
  private static final class NoBrowsers implements BrowserProvider {
    @Override
    public String name() {
      return "none";
    }

    @Override
    public BrowserHandle start(BrowserSpec spec) {
      throw new BrowserProviderException("this bench starts no browsers", null);
    }

    @Override
    public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
      return BrowserState.gone("no browsers here");
    }

    @Override
    public BrowserState state(BrowserHandle handle) {
      return BrowserState.gone("no browsers here");
    }

    @Override
    public void stop(BrowserHandle handle) {
    }

    @Override
    public List<BrowserHandle> list() {
      return List.of();
    }
  }
}
