package io.browsergrid.session;

import io.browsergrid.event.EventIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Role;
import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.event.Outbox;
import io.browsergrid.store.InMemoryKeyValueStore;
import io.browsergrid.store.JsonCodec;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's live counts (by status and by pool) move with every create, transition and end in the same atomic write,
 * and a cleanup pass sets them right when they disagree with the records (a record that vanished under its slot).
 */
class LiveCountsTest {
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final FakeBrowserProvider provider = new FakeBrowserProvider();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Principal operator = new Principal(Tenant.DEFAULT_ID, Role.OPERATOR, "k");
  private final SessionRepository sessions = new SessionRepository(store, new JsonCodec(),
      new Outbox(store, new JsonCodec(), (ref, delay) -> { }), new SessionEvents(new EventIds(new SecureRandom())));
  private final BrowserGridCore core = TestCores.start(store, provider, 20, 1, 2, executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void countsFollowEveryCreateTransitionAndEnd() {
    Session a = create();
    Session b = create();
    Session c = create();
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).count()).isEqualTo(3);
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).byStatus()).isEqualTo(Map.of("running", 3));
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).byPool()).isEqualTo(Map.of("default", 3));
    assertThat(core.metrics().render()).contains("browsergrid_sessions{status=\"running\"} 3");

    core.sessions().release(operator, b.id());
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).byStatus()).isEqualTo(Map.of("running", 2));
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).byPool()).isEqualTo(Map.of("default", 2));
    core.sessions().release(operator, a.id());
    core.sessions().release(operator, c.id());
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID)).extracting(Occupancy::count, Occupancy::byStatus,
        Occupancy::byPool).containsExactly(0, Map.of(), Map.of());
  }

  @Test
  void aPassCorrectsCountsThatDisagreeWithTheRecords() {
    create();
    Session vanished = create();
    store.delete(Tenant.partition(Tenant.DEFAULT_ID), "session:" + vanished.id());

    core.reaper().run();
    assertThat(sessions.liveIds(Tenant.DEFAULT_ID)).as("the slot of the vanished record").hasSize(1);
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).count()).isEqualTo(1);
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).byStatus()).as("its status was not known when its slot went")
        .isEqualTo(Map.of("running", 2));
    core.reaper().run();
    assertThat(sessions.occupancy(Tenant.DEFAULT_ID).byStatus()).as("after a pass with nothing else to do")
        .isEqualTo(Map.of("running", 1));
  }

  private Session create() {
    Session s = core.sessions().create(operator, new NewSession("default", 300, 0, BrowserOptions.DEFAULT, Map.of(), true,
        false));
    assertThat(s.status()).isEqualTo(SessionStatus.RUNNING);
    return s;
  }
}
