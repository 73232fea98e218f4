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
import io.browsergrid.event.Outbox;
import io.browsergrid.metrics.Metrics;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import io.browsergrid.store.Versioned;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record that cannot be read stops neither cleanup nor recovery at start for anyone else, on real SQLite. */
class PoisonRecordIT {
  @TempDir
  Path dir;

  @Test
  void cleanupAndRecoveryGoOnPastAnUnreadableSession() throws Exception {
    try (SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("db"))) {
      Clock clock = Clock.systemUTC();
      JsonCodec json = new JsonCodec();
      Outbox outbox = new Outbox(store, json, (ref, delay) -> { });
      SessionIds ids = new SessionIds(new SecureRandom());
      SessionRepository sessions = new SessionRepository(store, json, outbox,
          new SessionEvents(new EventIds(new SecureRandom())));
      TenantRepository tenants = new TenantRepository(store, json);
      Instant past = clock.instant().minusSeconds(120);
      tenants.create(new Tenant("t-bad", "bad", 10, past));
      tenants.create(new Tenant(Tenant.DEFAULT_ID, Tenant.DEFAULT_ID, 10, past));
      ServerSlots slots = new ServerSlots(store, json, 100);
      LocalBrowserProvider provider = new LocalBrowserProvider(TestLaunchers.sandboxed(), dir.resolve("browsers"),
          browserId -> { });
      InMemorySessionActivity activity = new InMemorySessionActivity(clock);
      SessionEnder ender = new SessionEnder(sessions, slots, provider, activity, clock);
      StartQueue startQueue = new StartQueue(store, json, clock, new AdmissionSettings(2, Duration.ofSeconds(30)),
          Duration.ofSeconds(60));
      SessionReaper reaper = new SessionReaper(tenants, sessions, slots, provider, ender, activity, clock,
          Duration.ofSeconds(60), java.util.Set::of, new SessionStarter(sessions, provider, ender, clock,
          Duration.ofSeconds(60), new Metrics(Map::of),
          new CdpTokens("0123456789abcdef0123456789abcdef".getBytes()), startQueue));

      String poisoned = expired(sessions, ids, "t-bad", past);
      String badTenantsOther = expired(sessions, ids, "t-bad", past);
      String othersSession = expired(sessions, ids, Tenant.DEFAULT_ID, past);
      Item record = store.get(Tenant.partition("t-bad"), "session:" + poisoned).orElseThrow();
      store.compareAndSet(record, "{\"id\": \"unreadable", null).orElseThrow();

      SessionReaper.Report report = reaper.run();
      assertThat(report.ended()).as("both readable expired sessions ended").isEqualTo(2);
      assertThat(status(sessions, Tenant.DEFAULT_ID, othersSession)).isEqualTo(SessionStatus.STOPPED);
      assertThat(status(sessions, "t-bad", badTenantsOther)).isEqualTo(SessionStatus.STOPPED);
      assertThat(sessions.liveIds("t-bad").contains(poisoned)).as("the unreadable one keeps its slot").isTrue();

      String another = expired(sessions, ids, Tenant.DEFAULT_ID, past);
      assertThat(reaper.endAll(EndReason.CLEANUP, "recovery")).as("recovery at start ends what it can").isEqualTo(1);
      assertThat(status(sessions, Tenant.DEFAULT_ID, another)).isEqualTo(SessionStatus.STOPPED);
    }
  }

  private static String expired(SessionRepository sessions, SessionIds ids, String tenantId, Instant past) {
    String id = ids.next(past);
    Session s = new Session(id, tenantId, SessionStatus.PENDING, "default", "local", past, null, null,
        past.plusSeconds(60), 60, 0, null, Map.of(), BrowserOptions.DEFAULT, false, null, null, null, null,
        List.of(new Transition(SessionStatus.PENDING, past, null)));
    Versioned<Session> v = sessions.create(s, sessions.occupancy(tenantId));
    sessions.update(v, s.moveTo(SessionStatus.STARTING, past, null).running("ws://gone", "Chrome", past));
    return id;
  }

  private static SessionStatus status(SessionRepository sessions, String tenantId, String id) {
    return sessions.get(tenantId, id).orElseThrow().value().status();
  }
}
