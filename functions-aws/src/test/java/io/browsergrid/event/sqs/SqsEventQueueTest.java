package io.browsergrid.event.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delay SqsEventQueue asks SQS for: whole seconds, rounded up, within SQS's 15-minute cap. */
class SqsEventQueueTest {

  @Test
  void noDelayOrANegativeOneIsZero() {
    assertThat(SqsEventQueue.delaySeconds(Duration.ZERO)).isZero();
    assertThat(SqsEventQueue.delaySeconds(Duration.ofSeconds(-5))).isZero();
  }

  @Test
  void partSecondsRoundUpSoAMessageIsNeverEarly() {
    assertThat(SqsEventQueue.delaySeconds(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(SqsEventQueue.delaySeconds(Duration.ofMillis(1_500))).isEqualTo(2);
    assertThat(SqsEventQueue.delaySeconds(Duration.ofSeconds(30))).isEqualTo(30);
  }

  @Test
  void delaysFromFifteenMinutesOnAreCappedAtNineHundredSeconds() {
    assertThat(SqsEventQueue.delaySeconds(Duration.ofSeconds(899).plusMillis(1))).isEqualTo(900);
    assertThat(SqsEventQueue.delaySeconds(Duration.ofSeconds(900))).isEqualTo(900);
    assertThat(SqsEventQueue.delaySeconds(Duration.ofSeconds(901))).isEqualTo(900);
    assertThat(SqsEventQueue.delaySeconds(Duration.ofDays(400))).isEqualTo(900);
  }
}
