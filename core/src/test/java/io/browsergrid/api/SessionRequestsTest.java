package io.browsergrid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
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

  @Test
  void metadataThatJsonEscapingWouldBlowUpIsRefusedNamingTheField() {
    StringBuilder body = new StringBuilder("{\"metadata\":{");
    for (int i = 0; i < 16; i++) {
      body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("\\u0001".repeat(512)).append('"');
    }
    body.append("}}");
    assertThatThrownBy(() -> parse(body.toString())).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.errors()).extracting(FieldError::field).containsExactly("metadata");
      assertThat(p.errors().get(0).message()).contains("at most " + SessionRequests.MAX_METADATA_CHARS);
    });
  }

  @Test
  void argsBeyondWhatARecordHoldsTogetherAreRefusedNamingTheField() {
    String features = String.join(",", java.util.Collections.nCopies(30, "AbcdefghijAbcdefghijAbcdefghi"));
    StringBuilder body = new StringBuilder("{\"browser\":{\"args\":[");
    for (int i = 0; i < 10; i++) {
      body.append(i == 0 ? "" : ",").append("\"--disable-blink-features=").append(features).append('"');
    }
    body.append("]}}");
    assertThatThrownBy(() -> parse(body.toString())).isInstanceOfSatisfying(ProblemException.class, p ->
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("browser.args"));
  }

  @Test
  void aBodyOfManyUnknownFieldsGetsAProblemOfTwentyErrors() {
    StringBuilder body = new StringBuilder("{");
    for (int i = 0; i < 5000; i++) {
      body.append(i == 0 ? "" : ",").append("\"").append("x".repeat(300)).append(i).append("\":1");
    }
    body.append('}');
    assertThatThrownBy(() -> parse(body.toString())).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.errors()).hasSize(ProblemException.MAX_FIELD_ERRORS)
          .allSatisfy(e -> assertThat(e.field().length()).isLessThanOrEqualTo(200));
      assertThat(p.getMessage()).startsWith("5000 fields are invalid").endsWith("and 4980 more")
          .hasSizeLessThan(5000);
    });
  }
}
