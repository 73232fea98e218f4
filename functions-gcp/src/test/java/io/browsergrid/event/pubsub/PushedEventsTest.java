package io.browsergrid.event.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.event.EventRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PushedEventsTest {
  private static byte[] push(String data, String attributes) {
    return ("{\"message\":{\"data\":\"" + data + "\",\"attributes\":" + attributes
        + ",\"messageId\":\"2070443601311540\",\"publishTime\":\"2026-12-02T10:00:00.123Z\"},"
        + "\"subscription\":\"projects/p/subscriptions/events-push\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theRealPushEnvelopeGivesTheRefItsDueTimeAndId() {
    PushedEvents.Pushed pushed = PushedEvents.read(push(base64("{\"tenantId\":\"t1\",\"eventId\":\"e1\"}"),
        "{\"notBefore\":\"2026-12-02T10:00:05Z\"}"));

    assertThat(pushed.ref()).isEqualTo(new EventRef("t1", "e1"));
    assertThat(pushed.messageId()).isEqualTo("2070443601311540");
    assertThat(pushed.dueAt(Instant.parse("2026-12-02T10:00:04Z"))).isFalse();
    assertThat(pushed.dueAt(Instant.parse("2026-12-02T10:00:05Z"))).isTrue();
  }

  @Test
  void aMessageWithoutADueTimeIsDueAtOnce() {
    assertThat(PushedEvents.read(push(base64("{\"tenantId\":\"t1\",\"eventId\":\"e1\"}"), "{}"))
        .dueAt(Instant.EPOCH)).isTrue();
  }

  @Test
  void malformedPushesAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> PushedEvents.read("not json".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> PushedEvents.read("{}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no message");
    assertThatThrownBy(() -> PushedEvents.read(push("", "{}"))).hasMessageContaining("no data");
    assertThatThrownBy(() -> PushedEvents.read(push("!!!", "{}"))).hasMessageContaining("base64");
    assertThatThrownBy(() -> PushedEvents.read(push(base64("{\"tenantId\":\"t1\"}"), "{}")))
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> PushedEvents.read(push(base64("{\"tenantId\":\"t1\",\"eventId\":\"e1\"}"),
        "{\"notBefore\":\"soon\"}"))).hasMessageContaining("notBefore");
  }
}
