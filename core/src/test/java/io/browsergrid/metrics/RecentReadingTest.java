package io.browsergrid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentReadingTest {
  private Instant now = Instant.parse("2026-12-02T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void readsOncePerPeriodHoweverOftenAsked() {
    AtomicInteger reads = new AtomicInteger();
    RecentReading<Integer> reading = new RecentReading<>(reads::incrementAndGet, Duration.ofSeconds(5), clock);
    for (int i = 0; i < 100; i++) {
      assertThat(reading.get()).isEqualTo(1);
    }
    now = now.plusMillis(4999);
    assertThat(reading.get()).isEqualTo(1);
    now = now.plusMillis(1);
    assertThat(reading.get()).as("a reading as old as the period is taken again").isEqualTo(2);
    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  void aFailedReadingIsTriedAgainAtTheNextAsk() {
    AtomicInteger calls = new AtomicInteger();
    RecentReading<String> reading = new RecentReading<>(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("store down");
      }
      return "ok";
    }, Duration.ofSeconds(5), clock);
    assertThatThrownBy(reading::get).hasMessage("store down");
    assertThat(reading.get()).isEqualTo("ok");
  }
}
