package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestClock;
import io.browsergrid.TestCores;
import io.browsergrid.TestCores.Reply;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cleanup passes on a clock the test moves: hard caps, idle ends, crashed browsers, orphans, freed slots. */
class SessionReaperTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeBrowserProvider browsers = new FakeBrowserProvider();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), browsers, (ref, delay) -> { }, 1,
      0, 2, executor, clock);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aSessionPastItsHardCapIsEndedAsTimeoutAndItsSlotFreed() {
    String id = create("{\"timeoutSeconds\":60,\"idleTimeoutSeconds\":0}");
    clock.advance(Duration.ofSeconds(59));
    assertThat(core.reaper().run().ended()).as("not yet").isZero();

    clock.advance(Duration.ofSeconds(1));
    SessionReaper.Report report = core.reaper().run();

    assertThat(report.ended()).isEqualTo(1);
    assertThat(session(id).path("endReason").asText()).isEqualTo("timeout");
    assertThat(browsers.running()).isZero();
    assertThat(create("{}")).as("the one slot is free").isNotNull();
  }

  @Test
  void aSessionWithNoClientPastItsIdleTimeoutIsEndedAsIdle() {
    String id = create("{\"timeoutSeconds\":900,\"idleTimeoutSeconds\":30}");
    clock.advance(Duration.ofSeconds(30));
    core.reaper().run();
    assertThat(session(id).path("status").asText()).as("at the bound, still running").isEqualTo("running");

    clock.advance(Duration.ofSeconds(1));
    core.reaper().run();

    assertThat(session(id).path("endReason").asText()).isEqualTo("idle");
    assertThat(browsers.running()).isZero();
  }

  @Test
  void aSessionWhoseBrowserCrashedIsFailed() {
    String id = create("{\"idleTimeoutSeconds\":0}");
    browsers.crash(browsers.list().get(0).browserId());

    core.reaper().run();

    assertThat(session(id).path("status").asText()).isEqualTo("failed");
    assertThat(session(id).path("endReason").asText()).isEqualTo("failed");
  }

  @Test
  void aBrowserNoSessionOrPoolKnowsIsStoppedAndASessionsIsKept() {
    String id = create("{\"idleTimeoutSeconds\":0}");
    BrowserHandle orphan = browsers.start(new BrowserSpec("orphan-1", BrowserOptions.DEFAULT, Map.of()));

    SessionReaper.Report report = core.reaper().run();

    assertThat(report.orphansStopped()).isEqualTo(1);
    assertThat(browsers.stops()).extracting(FakeBrowserProvider.Stop::browserId).containsExactly(orphan.browserId());
    assertThat(session(id).path("status").asText()).isEqualTo("running");
    assertThat(core.reaper().run()).isEqualTo(new SessionReaper.Report(0, 0, 0));
  }

  /** Creates a session with {@code body}; its id, or fails the test on anything but a running session. */
  private String create(String body) {
    Reply created = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", body);
    assertThat(created.status()).as("create: %s", created.json()).isEqualTo(201);
    assertThat(created.json().path("status").asText()).isEqualTo("running");
    return created.json().path("id").asText();
  }

  private com.fasterxml.jackson.databind.JsonNode session(String id) {
    return TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/sessions/" + id, null).json();
  }
}
