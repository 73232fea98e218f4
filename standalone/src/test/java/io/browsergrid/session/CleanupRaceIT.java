package io.browsergrid.session;

import io.browsergrid.event.EventIds;
import io.browsergrid.auth.CdpTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.admission.StartQueue;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.auth.Tenant;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.local.LocalBrowserProvider;
import io.browsergrid.event.Event;
import io.browsergrid.event.EventQueue;
import io.browsergrid.event.EventRef;
import io.browsergrid.event.Outbox;
import io.browsergrid.event.OutboxEntry;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.Page;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import io.browsergrid.store.Versioned;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two cleanup passes racing over 200 expired sessions on SQLite: each session ends once, with one event. */
class CleanupRaceIT {
  @TempDir
  Path dir;

  @Test
  void overlappingRunsEndEachSessionExactlyOnce() throws Exception {
    try (SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("db"))) {
      Clock clock = Clock.systemUTC();
      JsonCodec json = new JsonCodec();
      ConcurrentLinkedQueue<EventRef> queued = new ConcurrentLinkedQueue<>();
      EventQueue queue = (ref, delay) -> queued.add(ref);
      Outbox outbox = new Outbox(store, json, queue);
      SessionIds ids = new SessionIds(new SecureRandom());
      SessionRepository sessions = new SessionRepository(store, json, outbox,
          new SessionEvents(new EventIds(new SecureRandom())));
      TenantRepository tenants = new TenantRepository(store, json);
      tenants.create(new Tenant(Tenant.DEFAULT_ID, Tenant.DEFAULT_ID, 1000, clock.instant()));
      ServerSlots slots = new ServerSlots(store, json, 1000);
      LocalBrowserProvider provider = new LocalBrowserProvider(
          TestLaunchers.sandboxed(),
          dir.resolve("browsers"), browserId -> { });
      InMemorySessionActivity activity = new InMemorySessionActivity(clock);
      SessionEnder ender = new SessionEnder(sessions, slots, provider, activity, clock);

      Instant past = clock.instant().minusSeconds(3600);
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String id = ids.next(past);
        Session s = new Session(id, Tenant.DEFAULT_ID, SessionStatus.PENDING, "default", "local", past, null, null,
            past.plusSeconds(60), 60, 0, null, Map.of(), BrowserOptions.DEFAULT, false, null, null, null, null,
            List.of(new Transition(SessionStatus.PENDING, past, null)));
        Versioned<Session> v = sessions.create(s, sessions.occupancy(Tenant.DEFAULT_ID));
        sessions.update(v, s.moveTo(SessionStatus.STARTING, past, null).running("ws://gone", "Chrome", past));
        created.add(id);
      }
      queued.clear();

      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<SessionReaper.Report>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        SessionReaper reaper = new SessionReaper(tenants, sessions, slots, provider, ender, activity, clock,
            Duration.ofSeconds(60), java.util.Set::of, new SessionStarter(sessions, provider, ender, clock,
            Duration.ofSeconds(60), new io.browsergrid.metrics.Metrics(Map::of),
            new CdpTokens("0123456789abcdef0123456789abcdef".getBytes()),
            new StartQueue(store, json, clock, new AdmissionSettings(2, Duration.ofSeconds(30)),
                Duration.ofSeconds(60))));
        runs.add(pool.submit(() -> {
          go.await();
          return reaper.run();
        }));
      }
      go.countDown();
      int endedByRuns = 0;
      for (Future<SessionReaper.Report> run : runs) {
        endedByRuns += run.get().ended();
      }
      pool.shutdown();

      for (String id : created) {
        Session s = sessions.get(Tenant.DEFAULT_ID, id).orElseThrow().value();
        assertThat(s.status()).isEqualTo(SessionStatus.STOPPED);
        assertThat(s.endReason()).isEqualTo(EndReason.TIMEOUT);
        assertThat(s.transitions()).filteredOn(t -> t.status() == SessionStatus.STOPPED).hasSize(1);
      }
      List<Event> stoppedEvents = new ArrayList<>();
      String cursor = null;
      do {
        Page page = store.query(Tenant.partition(Tenant.DEFAULT_ID), "outbox:", cursor, 500);
        page.items().forEach(item -> {
          Event e = json.decode(item, OutboxEntry.class).event();
          if (e.type().equals(Event.SESSION_STOPPED)) {
            stoppedEvents.add(e);
          }
        });
        cursor = page.nextCursor();
      } while (cursor != null);
      assertThat(stoppedEvents).hasSize(200);
      assertThat(stoppedEvents).extracting(e -> e.data().get("id")).doesNotHaveDuplicates();
      assertThat(queued).hasSize(200);
      assertThat(endedByRuns).as("both runs together ended (or found ended) every session").isGreaterThanOrEqualTo(200);
      assertThat(sessions.occupancy(Tenant.DEFAULT_ID).count()).isZero();
      assertThat(sessions.liveIds(Tenant.DEFAULT_ID)).isEmpty();
    }
  }
}
