package io.browsergrid.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import io.browsergrid.session.AgentReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentReportRequestsTest {
  private final AgentReportRequests requests = new AgentReportRequests();

  @Test
  void readsTheBodyTheAgentSends() {
    AgentReport report = requests.read(bytes(
        "{\"type\":\"activity\",\"browserId\":\"0197a-b.c\",\"at\":\"2025-01-02T03:04:05.123456Z\",\"clients\":2}"));

    assertThat(report).isEqualTo(new AgentReport(AgentReport.Type.ACTIVITY, "0197a-b.c",
        Instant.parse("2025-01-02T03:04:05.123456Z"), 2));
  }

  @Test
  void everyTypeIsReadByItsWireName() {
    for (AgentReport.Type type : AgentReport.Type.values()) {
      assertThat(requests.read(body(type.wireName(), "b1", "2025-01-02T03:04:05Z", "0")).type()).isEqualTo(type);
    }
  }

  @Test
  void fieldsItDoesNotKnowAreIgnoredSoANewerAgentIsStillHeard() {
    assertThat(requests.read(bytes("{\"type\":\"ready\",\"browserId\":\"b1\",\"at\":\"2025-01-02T03:04:05Z\","
        + "\"clients\":0,\"version\":\"Chrome/150\"}")).type()).isEqualTo(AgentReport.Type.READY);
  }

  @Test
  void anUnknownTypeIsRefusedNamingTheField() {
    assertThat(refusal(body("crashed", "b1", "2025-01-02T03:04:05Z", "0")))
        .containsExactly(new FieldError("type", "must be one of ready, activity, exited"));
  }

  @Test
  void everyMissingFieldIsNamed() {
    assertThat(refusal(bytes("{}"))).extracting(FieldError::field)
        .containsExactly("type", "browserId", "at", "clients");
    assertThat(refusal(bytes("{}"))).extracting(FieldError::message).containsOnly("is required");
  }

  @Test
  void wrongValuesAreRefusedNamingTheirFields() {
    assertThat(refusal(body("ready", "b/1", "yesterday", "-1"))).extracting(FieldError::field)
        .containsExactly("browserId", "at", "clients");
    assertThat(refusal(bytes("{\"type\":1,\"browserId\":\"b1\",\"at\":\"2025-01-02T03:04:05Z\",\"clients\":\"2\"}")))
        .extracting(FieldError::field).containsExactly("type", "clients");
  }

  @Test
  void aBodyThatIsNotOneJsonObjectIsRefusedAsBody() {
    assertThat(refusal(bytes("[1]"))).extracting(FieldError::field).containsExactly("body");
    assertThat(refusal(bytes("{\"type\":"))).extracting(FieldError::field).containsExactly("body");
  }

  private java.util.List<FieldError> refusal(byte[] body) {
    ProblemException problem = catchThrowableOfType(() -> requests.read(body), ProblemException.class);
    assertThat(problem).isNotNull();
    assertThat(problem.status()).isEqualTo(400);
    return problem.errors();
  }

  private static byte[] body(String type, String browserId, String at, String clients) {
    return bytes("{\"type\":\"" + type + "\",\"browserId\":\"" + browserId + "\",\"at\":\"" + at + "\",\"clients\":"
        + clients + "}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
