package io.browsergrid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.problem.FieldError;
import io.browsergrid.problem.ProblemException;
import io.browsergrid.session.NewSession;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionRequestsTest {
  private final SessionRequests requests = new SessionRequests();

  private NewSession parse(String json) {
    return requests.create(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyBodyTakesTheDefaults() {
    NewSession s = requests.create(new byte[0]);
    assertThat(s.pool()).isEqualTo("default");
    assertThat(s.timeoutSeconds()).isEqualTo(900);
    assertThat(s.idleTimeoutSeconds()).isEqualTo(300);
    assertThat(s.waitForRunning()).isTrue();
    assertThat(s.browser().headless()).isTrue();
  }

  @Test
  void readsEveryField() {
    NewSession s = parse("{\"pool\":\"default\",\"timeoutSeconds\":60,\"idleTimeoutSeconds\":0,\"wait\":false,"
        + "\"browser\":{\"headless\":false,\"viewport\":{\"width\":1280,\"height\":800},\"args\":[\"--lang=de-DE\"],"
        + "\"userAgent\":\"bot\"},\"metadata\":{\"team\":\"search\"}}");
    assertThat(s.timeoutSeconds()).isEqualTo(60);
    assertThat(s.idleTimeoutSeconds()).isZero();
    assertThat(s.waitForRunning()).isFalse();
    assertThat(s.browser().viewport().width()).isEqualTo(1280);
    assertThat(s.browser().args()).containsExactly("--lang=de-DE");
    assertThat(s.metadata()).containsEntry("team", "search");
  }

  @Test
  void aShortTimeoutCapsTheDefaultIdleTimeout() {
    assertThat(parse("{\"timeoutSeconds\":60}").idleTimeoutSeconds()).isEqualTo(60);
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    assertThatThrownBy(() -> parse("{\"timeoutSeconds\":\"x\",\"browser\":{\"args\":[\"--no-sandbox\"]},\"z\":1}"))
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.errors())
            .extracting(FieldError::field).containsExactlyInAnyOrder("timeoutSeconds", "browser.args[0]", "z"));
  }
}
