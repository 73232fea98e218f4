package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.TestCores.Reply;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creates and releases through the API on the in-memory store and the fake provider: limits, slots, failures. */
class SessionServiceTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeBrowserProvider browsers = new FakeBrowserProvider();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aCreateAnswersRunningWithItsOwnBrowserAndAReleaseStopsIt() {
    BrowserGridCore core = core(10);

    Reply created = create(core, TestCores.OPERATOR_KEY);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("status").asText()).isEqualTo("running");
    assertThat(created.json().path("cdpUrl").asText()).contains(created.json().path("id").asText()).contains("token=");
    assertThat(browsers.running()).isEqualTo(1);
    Reply released = TestCores.call(core, TestCores.OPERATOR_KEY, "DELETE",
        "/v1/sessions/" + created.json().path("id").asText(), null);
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().path("endReason").asText()).isEqualTo("released");
    assertThat(browsers.running()).isZero();
    assertThat(browsers.stops()).hasSize(1);
  }

  @Test
  void aTenantsLimitRefusesTheCreateThatWouldGoOverAndAReleaseMakesRoom() {
    BrowserGridCore core = core(10);
    String key = tenant(core, "acme", 2);

    String first = create(core, key).json().path("id").asText();
    assertThat(create(core, key).status()).isEqualTo(201);
    Reply over = create(core, key);

    assertThat(over.status()).isEqualTo(429);
    assertThat(over.json().path("detail").asText()).isNotBlank();
    assertThat(browsers.started()).as("no browser for the refused create").isEqualTo(2);
    assertThat(create(core, TestCores.OPERATOR_KEY).status()).as("other tenants are not held up").isEqualTo(201);
    TestCores.call(core, key, "DELETE", "/v1/sessions/" + first, null);
    assertThat(create(core, key).status()).isEqualTo(201);
  }

  @Test
  void aProviderThatBoundsSessionsCapsTheirTimeoutsAndSaysSoInExpiresAt() {
    browsers.longestSession(3600);
    BrowserGridCore core = core(10);

    Reply created = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions",
        "{\"timeoutSeconds\":21600,\"idleTimeoutSeconds\":7200}");
    Reply shorter = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/sessions", "{\"timeoutSeconds\":600}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("timeoutSeconds").asInt()).isEqualTo(3600);
    assertThat(created.json().path("idleTimeoutSeconds").asInt()).isEqualTo(3600);
    assertThat(java.time.Duration.between(java.time.Instant.parse(created.json().path("createdAt").asText()),
        java.time.Instant.parse(created.json().path("expiresAt").asText()))).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(shorter.json().path("timeoutSeconds").asInt()).isEqualTo(600);
  }

  @Test
  void theServersCapCountsEveryTenant() {
    BrowserGridCore core = core(2);
    String key = tenant(core, "acme", 5);

    assertThat(create(core, key).status()).isEqualTo(201);
    assertThat(create(core, TestCores.OPERATOR_KEY).status()).isEqualTo(201);

    assertThat(create(core, key).status()).isEqualTo(429);
    assertThat(create(core, TestCores.OPERATOR_KEY).status()).isEqualTo(429);
  }

  @Test
  void aBrowserThatCannotStartFailsTheSessionAndFreesItsSlot() {
    browsers.failStarts("the image is missing");
    BrowserGridCore core = core(1);

    Reply created = create(core, TestCores.OPERATOR_KEY);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("status").asText()).isEqualTo("failed");
    assertThat(created.json().path("endReason").asText()).isEqualTo("failed");
    assertThat(created.json().has("cdpUrl") && !created.json().get("cdpUrl").isNull()).isFalse();
    browsers.failStarts(null);
    assertThat(create(core, TestCores.OPERATOR_KEY).status()).as("the one slot is free again").isEqualTo(201);
  }

  @Test
  void oneTenantSeesNoneOfAnothersSessions() {
    BrowserGridCore core = core(10);
    String acme = tenant(core, "acme", 5);
    String other = tenant(core, "other", 5);
    String id = create(core, acme).json().path("id").asText();

    assertThat(TestCores.call(core, other, "GET", "/v1/sessions/" + id, null).status()).isEqualTo(404);
    assertThat(TestCores.call(core, other, "DELETE", "/v1/sessions/" + id, null).status()).isEqualTo(404);
    assertThat(TestCores.call(core, other, "GET", "/v1/sessions", null).json().path("items")).isEmpty();
    assertThat(TestCores.call(core, acme, "GET", "/v1/sessions/" + id, null).json().path("status").asText())
        .isEqualTo("running");
  }

  private BrowserGridCore core(int maxSessions) {
    return TestCores.start(new InMemoryKeyValueStore(), browsers, maxSessions, 0, 2, executor);
  }

  private static Reply create(BrowserGridCore core, String key) {
    return TestCores.call(core, key, "POST", "/v1/sessions", "{}");
  }

  /** A new tenant allowed {@code maxConcurrent} live sessions; its admin key. */
  private static String tenant(BrowserGridCore core, String name, int maxConcurrent) {
    Reply made = TestCores.call(core, TestCores.OPERATOR_KEY, "POST", "/v1/tenants",
        "{\"name\":\"" + name + "\",\"maxConcurrentSessions\":" + maxConcurrent + "}");
    assertThat(made.status()).as("tenant %s: %s", name, made.json()).isEqualTo(201);
    return made.json().path("adminKey").asText();
  }
}
