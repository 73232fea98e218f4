package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One tenant never sees, changes or connects to another's session: it answers exactly as a missing one. */
class IsolationIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  @Test
  void anotherTenantCannotReadListReleaseOrConnect() {
    Api alice = server.api().newTenant("alice", 2);
    Api bob = server.api().newTenant("bob", 2);
    JsonNode session = alice.post("/v1/sessions", "{}").json();
    String id = session.get("id").asText();
    String cdpUrl = session.get("cdpUrl").asText();

    Api.Reply missing = bob.get("/v1/sessions/00000000aaaa-00000000000000000000");
    Api.Reply foreign = bob.get("/v1/sessions/" + id);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.json().get("title")).isEqualTo(missing.json().get("title"));
    assertThat(bob.get("/v1/sessions/" + id + "/events").status()).isEqualTo(404);
    assertThat(bob.get("/v1/sessions/" + id + "/json/version").status()).isEqualTo(404);
    assertThat(bob.get("/v1/sessions").json().get("items")).isEmpty();
    assertThat(bob.delete("/v1/sessions/" + id).status()).isEqualTo(404);
    assertThat(alice.get("/v1/sessions/" + id).json().get("status").asText()).isEqualTo("running");
    assertThat(bob.get("/v1/api-keys").json().get("items")).extracting(k -> k.get("name").asText()).containsOnly("admin");
    assertThat(bob.get("/v1/tenants").status()).as("only the operator manages tenants").isEqualTo(403);

    String token = cdpUrl.substring(cdpUrl.indexOf("token=") + 6);
    String altered = cdpUrl.replace("token=" + token,
        "token=" + (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1));
    String otherSession = cdpUrl.replace(id, "00000000aaaa-00000000000000000000");
    try (Playwright playwright = Playwright.create()) {
      assertThatThrownBy(() -> playwright.chromium().connectOverCDP(altered)).isInstanceOf(PlaywrightException.class);
      assertThatThrownBy(() -> playwright.chromium().connectOverCDP(otherSession)).isInstanceOf(PlaywrightException.class);
      assertThatThrownBy(() -> playwright.chromium().connectOverCDP(cdpUrl.substring(0, cdpUrl.indexOf("?"))))
          .isInstanceOf(PlaywrightException.class);
    }
    assertThat(alice.delete("/v1/sessions/" + id).json().get("status").asText()).isEqualTo("stopped");
  }
}
