package io.browsergrid.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.session.Session;
import io.browsergrid.session.SessionStatus;
import io.browsergrid.session.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionJsonTest {
  private final CdpTokens tokens = new CdpTokens("0123456789abcdef0123456789abcdef".getBytes());
  private final PublicUrls urls = new PublicUrls("https://grid.example", "wss://grid.example");

  private static Session running(String endpoint) {
    return running(endpoint, "fe5dfe75a2f2-cd749bc04d3284173427");
  }

  private static Session running(String endpoint, String browserId) {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");
    return new Session("fe5dfe75a2f2-cd749bc04d3284173427", "t", SessionStatus.PENDING, "default", "fargate", t, null,
        null, t.plusSeconds(60), 60, 0, null, Map.of(), BrowserOptions.DEFAULT, false, browserId, "arn", null, null,
        List.of(new Transition(SessionStatus.PENDING, t, null)))
        .moveTo(SessionStatus.STARTING, t, null).running(endpoint, "Chrome/150", t);
  }

  @Test
  void standaloneHandsOutItsOwnProxyUrl() {
    Session s = running("ws://127.0.0.1:40000/devtools/browser/x");
    assertThat(new SessionJson(urls, tokens, false).cdpUrl(s))
        .isEqualTo("wss://grid.example/v1/sessions/" + s.id() + "/cdp?token=" + tokens.token(s.id()));
  }

  @Test
  void cloudHandsOutTheBrowsersAgentWithTheToken() {
    Session s = running("wss://10.0.1.23:8443/cdp");
    assertThat(new SessionJson(urls, tokens, true).cdpUrl(s))
        .isEqualTo("wss://10.0.1.23:8443/cdp?token=" + tokens.token(s.id()));
    assertThat(new SessionJson(urls, tokens, true).view(s)).containsEntry("status", SessionStatus.RUNNING)
        .containsKey("cdpUrl");
  }

  @Test
  void aWarmBrowsersAgentKnowsNoSessionSoItsTokenIsTheBrowsers() {
    Session s = running("wss://10.0.1.23:8443/cdp", "pb-0123456789abcdef");

    assertThat(new SessionJson(urls, tokens, true).cdpUrl(s))
        .isEqualTo("wss://10.0.1.23:8443/cdp?token=" + tokens.token("pb-0123456789abcdef"))
        .doesNotContain(tokens.token(s.id()));
    assertThat(new SessionJson(urls, tokens, false).cdpUrl(s)).as("the standalone proxy checks the session's token")
        .endsWith("/cdp?token=" + tokens.token(s.id()));
  }

  @Test
  void noUrlUnlessRunning() {
    Session s = running("wss://10.0.1.23:8443/cdp").ending(io.browsergrid.session.EndReason.RELEASED)
        .moveTo(SessionStatus.STOPPING, Instant.parse("2026-11-22T10:00:01Z"), null);
    assertThat(new SessionJson(urls, tokens, true).cdpUrl(s)).isNull();
  }
}
