package io.browsergrid.api;

import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.CoreSettings;
import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.browser.local.LocalBrowserProvider;
import io.browsergrid.event.InMemoryEventQueue;
import io.browsergrid.session.AgentSignatures;
import io.browsergrid.session.InMemorySessionActivity;
import io.browsergrid.session.SessionIds;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's callback while the store is down: 503 problem+json, which the agent retries, as the API answers. */
class AgentCallbacksStoreOutageIT {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  @Test
  void aCallbackWhileTheStoreIsDownIsAnsweredUnavailableNotAnError() throws Exception {
    Clock clock = Clock.systemUTC();
    ExecutorService executor = Executors.newCachedThreadPool();
    SqliteKeyValueStore store = new SqliteKeyValueStore(dir.resolve("db"));
    try (InMemoryEventQueue queue = new InMemoryEventQueue(1, Duration.ofMillis(10))) {
      LocalBrowserProvider provider = new LocalBrowserProvider(
          TestLaunchers.sandboxed(),
          dir.resolve("browsers"), browserId -> { });
      BrowserGridCore core = BrowserGridCore.builder(store, provider, queue,
          new CoreSettings(10, PublicUrls.plain("127.0.0.1", 1), SECRET, Duration.ofSeconds(30), false, false,
              OptionalInt.empty(), true, "bubblewrap", new AdmissionSettings(2, Duration.ofSeconds(30))))
          .executor(executor).clock(clock).build();
      String sessionId = new SessionIds(new SecureRandom()).next(clock.instant());
      byte[] body = ("{\"type\":\"activity\",\"browserId\":\"b1\",\"at\":\"" + clock.instant() + "\",\"clients\":0}")
          .getBytes(StandardCharsets.UTF_8);
      long now = clock.instant().getEpochSecond();
      String signature = new AgentSignatures(core.cdpTokens()::token, clock).sign(sessionId, now, body);
      store.close();

      HttpResponse answer = core.agentCallbacks().handle(new HttpRequest("POST", "/", Map.of(),
          Map.of(AgentSignatures.SESSION_HEADER, sessionId, AgentSignatures.TIMESTAMP_HEADER, Long.toString(now),
              AgentSignatures.SIGNATURE_HEADER, signature), body));

      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.headers()).containsEntry("Content-Type", "application/problem+json");
      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("unavailable")
          .doesNotContain("Exception");
    } finally {
      executor.shutdownNow();
    }
  }
}
