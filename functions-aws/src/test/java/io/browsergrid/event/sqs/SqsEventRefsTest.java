package io.browsergrid.event.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.event.EventRef;
import org.junit.jupiter.api.Test;

/** A ref survives the trip through a message body, and a body that is not a ref is refused clearly. */
class SqsEventRefsTest {

  @Test
  void aRefRoundTripsThroughItsBody() {
    EventRef ref = new EventRef("tenant-1", "evt_01HZX\"quoted\"");

    String body = SqsEventRefs.toBody(ref);

    assertThat(body).isEqualTo("{\"tenantId\":\"tenant-1\",\"eventId\":\"evt_01HZX\\\"quoted\\\"\"}");
    assertThat(SqsEventRefs.fromBody(body)).isEqualTo(ref);
  }

  @Test
  void fieldsANewerSenderAddsAreIgnored() {
    assertThat(SqsEventRefs.fromBody("{\"eventId\":\"e\",\"tenantId\":\"t\",\"attempt\":3}"))
        .isEqualTo(new EventRef("t", "e"));
  }

  @Test
  void aBodyThatIsNotARefIsRefused() {
    for (String body : new String[] {null, "", "not json", "[]", "{}", "{\"tenantId\":\"t\"}",
        "{\"tenantId\":\"t\",\"eventId\":\"\"}", "{\"tenantId\":1,\"eventId\":\"e\"}"}) {
      assertThatThrownBy(() -> SqsEventRefs.fromBody(body)).as(String.valueOf(body))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
