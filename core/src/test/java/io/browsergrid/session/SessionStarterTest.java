package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.Eventually;
import io.browsergrid.TestCores;
import io.browsergrid.TestCores.Reply;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starts off the request thread, in the start line: what a create without {@code wait} sees meanwhile. */
class SessionStarterTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeBrowserProvider browsers = new FakeBrowserProvider();

  @AfterEach
  void stop() {
    browsers.releaseStarts();
    executor.shutdownNow();
  }

  @Test
  void aCreateWithoutWaitAnswersAtOnceAndRunsWhenItsBrowserAnswers() {
    BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), browsers, 10, 0, 2, executor);
    browsers.holdStarts();

    Reply created = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{\"wait\":false}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("status").asText()).isIn("pending", "starting");
    assertThat(created.json().path("cdpUrl").isNull() || created.json().path("cdpUrl").isMissingNode()).isTrue();
    String id = created.json().path("id").asText();
    browsers.releaseStarts();
    Eventually.until("the session to run", () -> "running".equals(status(core, id)));
    assertThat(TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/sessions/" + id, null).json()
        .path("cdpUrl").asText()).contains("token=");
  }

  @Test
  void startsBeyondTheAdmissionBoundWaitTheirTurnAsPending() {
    BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), browsers, 10, 0, 1, executor);
    browsers.holdStarts();

    String first = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{\"wait\":false}").json()
        .path("id").asText();
    String second = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{\"wait\":false}").json()
        .path("id").asText();

    Eventually.until("one browser starting", () -> browsers.startingNow() == 1);
    assertThat(java.util.List.of(status(core, first), status(core, second))).as("one starts, one waits its turn")
        .containsExactlyInAnyOrder("starting", "pending");
    assertThat(core.startQueue().counts().queued()).isEqualTo(1);
    browsers.releaseStarts();
    Eventually.until("both to run", () -> "running".equals(status(core, first)) && "running".equals(status(core,
        second)));
    assertThat(browsers.mostStartingAtOnce()).as("browsers starting at once").isEqualTo(1);
  }

  private static String status(BrowserGridCore core, String id) {
    return TestCores.call(core, TestCores.OPERATOR_KEY, "GET", "/v1/sessions/" + id, null).json().path("status")
        .asText();
  }
}
