package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.KeyValueStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * 2,000 live sessions on one store, created through the API by 8 clients at once (with a fake provider, since no
 * machine here runs 2,000 Chromiums): every create answers 201 {@code running}, the tenant's and the server's counts
 * stay exact under the racing writes, the 2,001st create is refused with 429, a {@code ?status=running} list pages
 * through every one of them exactly once, a cleanup pass keeps them all, releasing them all frees every slot, and no
 * item grows with the number of sessions. Every store runs it ({@code SqliteLiveSessionsAtScaleIT},
 * {@code DynamoDbLiveSessionsAtScaleIT}); it once failed at ~450 live sessions, when one item listed them all.
 */
public abstract class LiveSessionsAtScaleContract {
  protected static final int SESSIONS = 2000;
  private static final int CLIENTS = 8;

  /** A store no other test writes to while this one runs. */
  protected abstract KeyValueStore store();

  @Test
  void twoThousandLiveSessionsStayExactListedAndFreed() throws Exception {
    KeyValueStore store = store();
    FakeBrowserProvider provider = new FakeBrowserProvider();
    ExecutorService executor = Executors.newCachedThreadPool();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      BrowserGridCore core = TestCores.start(store, provider, SESSIONS, 0, CLIENTS, executor);

      List<Future<List<String>>> batches = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        batches.add(clients.submit(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < SESSIONS / CLIENTS; i++) {
            JsonNode created = call(core, "POST", "/v1/sessions", Map.of(), "{\"wait\":true}", 201);
            assertThat(created.get("status").asText()).isEqualTo("running");
            ids.add(created.get("id").asText());
          }
          return ids;
        }));
      }
      Set<String> created = new HashSet<>();
      for (Future<List<String>> batch : batches) {
        created.addAll(batch.get());
      }
      assertThat(created).hasSize(SESSIONS);
      assertThat(provider.running()).isEqualTo(SESSIONS);

      JsonNode refused = call(core, "POST", "/v1/sessions", Map.of(), "{}", 429);
      assertThat(refused.get("detail").asText()).contains("maximum of " + SESSIONS);

      assertThat(listRunning(core)).as("every live session listed once").containsExactlyInAnyOrderElementsOf(created);
      JsonNode usage = call(core, "GET", "/v1/usage", Map.of(), null, 200);
      assertThat(usage.toString()).contains("\"running\":" + SESSIONS);

      SessionReaper.Report pass = core.reaper().run();
      assertThat(pass.ended()).as("a cleanup pass over live sessions ends none").isZero();
      assertThat(pass.slotsFreed()).isZero();
      assertThat(pass.orphansStopped()).isZero();

      assertThat(store.get(Tenant.partition(Tenant.DEFAULT_ID), "live").orElseThrow().data())
          .as("the tenant's count item does not grow with its sessions").hasSizeLessThan(100);
      assertThat(store.get("server", "slots").orElseThrow().data()).hasSizeLessThan(100);

      List<Future<?>> releases = new ArrayList<>();
      List<String> all = new ArrayList<>(created);
      for (int c = 0; c < CLIENTS; c++) {
        int from = c * SESSIONS / CLIENTS;
        int to = (c + 1) * SESSIONS / CLIENTS;
        releases.add(clients.submit(() -> {
          for (String id : all.subList(from, to)) {
            call(core, "DELETE", "/v1/sessions/" + id, Map.of(), null, 200);
          }
          return null;
        }));
      }
      for (Future<?> release : releases) {
        release.get();
      }
      assertThat(provider.running()).as("browsers left running").isZero();
      assertThat(listRunning(core)).isEmpty();
      assertThat(call(core, "GET", "/v1/usage", Map.of(), null, 200).toString()).contains("\"running\":0");
      assertThat(new ServerSlots(store, new io.browsergrid.store.JsonCodec(), SESSIONS).holders()).isEmpty();
      assertThat(call(core, "POST", "/v1/sessions", Map.of(), "{}", 201).get("status").asText())
          .as("a create after all were freed").isEqualTo("running");
    } finally {
      clients.shutdownNow();
      executor.shutdownNow();
    }
  }

  private static List<String> listRunning(BrowserGridCore core) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, List<String>> query = cursor == null
          ? Map.of("status", List.of("running"), "limit", List.of("100"))
          : Map.of("status", List.of("running"), "limit", List.of("100"), "cursor", List.of(cursor));
      JsonNode page = call(core, "GET", "/v1/sessions", query, null, 200);
      page.get("items").forEach(s -> ids.add(s.get("id").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return ids;
  }

  private static JsonNode call(BrowserGridCore core, String method, String path, Map<String, List<String>> query,
      String body, int expected) {
    TestCores.Reply reply = TestCores.call(core, TestCores.OPERATOR_KEY, method, path, query, body);
    assertThat(reply.status()).as(method + " " + path + ": " + reply.json()).isEqualTo(expected);
    return reply.json();
  }

}
