package io.browsergrid.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A ref survives the trip through a message body, and a body that is not a ref is refused clearly. */
class EventRefJsonTest {

  @Test
  void aRefRoundTripsThroughItsBody() {
    EventRef ref = new EventRef("tenant-1", "evt_01HZX\"quoted\"");

    String body = EventRefJson.toBody(ref);

    assertThat(body).isEqualTo("{\"tenantId\":\"tenant-1\",\"eventId\":\"evt_01HZX\\\"quoted\\\"\"}");
    assertThat(EventRefJson.fromBody(body)).isEqualTo(ref);
  }

  @Test
  void fieldsANewerSenderAddsAreIgnored() {
    assertThat(EventRefJson.fromBody("{\"eventId\":\"e\",\"tenantId\":\"t\",\"attempt\":3}"))
        .isEqualTo(new EventRef("t", "e"));
  }

  @Test
  void aBodyThatIsNotARefIsRefused() {
    for (String body : new String[] {null, "", "not json", "[]", "{}", "{\"tenantId\":\"t\"}",
        "{\"tenantId\":\"t\",\"eventId\":\"\"}", "{\"tenantId\":1,\"eventId\":\"e\"}"}) {
      assertThatThrownBy(() -> EventRefJson.fromBody(body)).as(String.valueOf(body))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
