package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.browsergrid.agent.LeftoverChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 and SIGTERM of a real server process: no browser survives, no session is left running, nothing else moves. */
class CrashRecoveryIT {
  @TempDir
  Path dataDir;
  private ServerProcess server;

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.kill();
    }
    new LeftoverChromium().killUnder(dataDir);
    assertThat(ChromiumProcesses.under(dataDir)).as("Chromium processes left behind").isZero();
  }

  @Test
  void aKilledServerLeavesNoBrowserAndItsSessionsEndAsCleanup() throws Exception {
    int port = ServerProcess.freePort();
    server = ServerProcess.start(dataDir, port);
    Api tenant = server.api().newTenant("crashy", 5);
    tenant.post("/v1/api-keys", "{\"name\":\"ci\",\"role\":\"member\"}");
    String a = tenant.post("/v1/sessions", "{\"metadata\":{\"n\":\"1\"}}").json().get("id").asText();
    String b = tenant.post("/v1/sessions", "{}").json().get("id").asText();
    String released = tenant.post("/v1/sessions", "{}").json().get("id").asText();
    tenant.delete("/v1/sessions/" + released);
    assertThat(ChromiumProcesses.under(dataDir)).isPositive();

    server.crash();
    // each sandbox dies with the server that started it (bubblewrap's --die-with-parent), even a SIGKILLed one
    Poll.until(Poll.START_DEADLINE, "the killed server's browsers to die with it",
        () -> ChromiumProcesses.under(dataDir.resolve("browsers")) == 0);
    Map<String, String> before = dump(dataDir.resolve("browsergrid.db"));

    server = ServerProcess.start(dataDir, port);
    assertThat(ChromiumProcesses.under(dataDir)).as("Chromium of the old run").isZero();
    for (String id : List.of(a, b)) {
      JsonNode s = tenant.get("/v1/sessions/" + id).json();
      assertThat(s.get("status").asText()).isEqualTo("stopped");
      assertThat(s.get("endReason").asText()).isEqualTo("cleanup");
    }
    assertThat(tenant.get("/v1/sessions/" + released).json().get("endReason").asText()).isEqualTo("released");
    Map<String, String> after = dump(dataDir.resolve("browsergrid.db"));
    // outbox entries are pending delivery work: the restarted server drains them, which is the point of the outbox
    before.keySet().removeIf(key -> key.contains("/outbox:"));
    after.keySet().removeIf(key -> key.contains("/outbox:"));
    Map<String, String> changed = new HashMap<>();
    for (String key : before.keySet()) {
      if (!before.get(key).equals(after.get(key))) {
        changed.put(key, after.get(key));
      }
    }
    // the two sessions ended, so their slots went: the tenant's live-session and the server's slot markers, and counts
    String ended = "(" + a + "|" + b + ")";
    assertThat(changed.keySet()).allSatisfy(key -> assertThat(key).matches(
        ".*/session:" + ended + "|.*/(live|slots)(:" + ended + ")?"));
    assertThat(changed.keySet()).contains(tenantKey(before, a), tenantKey(before, b));
    assertThat(before.keySet()).anyMatch(key -> key.endsWith("/live:" + a))
        .anyMatch(key -> key.endsWith("/slots:" + b));
    before.keySet().removeIf(key -> key.matches(".*/(live|slots):" + ended));
    assertThat(after.keySet()).containsAll(before.keySet());

    String survivor = tenant.post("/v1/sessions", "{}").json().get("id").asText();
    assertThat(server.terminate()).as("exit code after SIGTERM").isIn(0, 143);
    server = null;
    assertThat(ChromiumProcesses.under(dataDir)).as("Chromium after a graceful stop").isZero();
    Map<String, String> stopped = dump(dataDir.resolve("browsergrid.db"));
    String record = stopped.get(tenantKey(stopped, survivor));
    assertThat(record).contains("\"status\":\"stopped\"").contains("\"endReason\":\"cleanup\"");
    assertThat(Files.list(dataDir.resolve("browsers")).count()).as("profile dirs left").isZero();
  }

  private static String tenantKey(Map<String, String> dump, String sessionId) {
    return dump.keySet().stream().filter(k -> k.endsWith("/session:" + sessionId)).findFirst().orElseThrow();
  }

  private static Map<String, String> dump(Path db) throws Exception {
    Map<String, String> items = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pk, sk, version, data FROM items")) {
      while (rs.next()) {
        items.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3) + " " + rs.getString(4));
      }
    }
    return items;
  }
}
