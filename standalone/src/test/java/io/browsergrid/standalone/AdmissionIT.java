package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A burst of cold creates on real Chromium: starts run two at a time, the rest wait their turn, none fails. */
class AdmissionIT {
  private static final int MAX_STARTING = 2;

  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_MAX_SESSIONS", "80",
      "BROWSERGRID_MAX_STARTING", Integer.toString(MAX_STARTING),
      // how long 40 starts take depends on the machine; refusing a long line is AdmissionRefusalIT's
      "BROWSERGRID_MAX_QUEUE_SECONDS", "300"));

  @Test
  void fortyConcurrentColdCreatesAllRunWithAtMostTwoStartingAtOnce() throws Exception {
    Api tenant = server.api().newTenant("cold-burst", 40);
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicLong mostStarting = new AtomicLong();
    AtomicLong mostQueued = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        JsonNode usage = server.api().get("/v1/usage").json().get("server");
        mostStarting.accumulateAndGet(usage.get("starting").asLong(), Math::max);
        mostQueued.accumulateAndGet(usage.get("queued").asLong(), Math::max);
        // pacing, not synchronisation: a tight loop would take CPU from the starts it watches
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    });
    sampler.start();
    List<String> ids = new ArrayList<>();
    try {
      for (Api.Reply r : Burst.creates(tenant, 40, "{}")) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        ids.add(r.json().get("id").asText());
      }
      for (String id : ids) {
        JsonNode now = Poll.value(Poll.START_DEADLINE, id + " to run", () -> tenant.get("/v1/sessions/" + id).json(),
            j -> !List.of("pending", "starting").contains(j.get("status").asText()));
        assertThat(now.get("status").asText()).as(now.toString()).isEqualTo("running");
      }
      sampling.set(false);
      sampler.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(mostStarting.get()).as("starts at once").isBetween(1L, (long) MAX_STARTING);
      assertThat(mostQueued.get()).as("creates waited their turn").isPositive();
      JsonNode usage = tenant.get("/v1/usage").json();
      assertThat(usage.get("sessions").get("running").asInt()).isEqualTo(40);
      assertThat(usage.has("server")).as("only the operator sees the server's usage").isFalse();
      assertThat(server.api().get("/metrics").body()).contains("browsergrid_starts_running 0",
          "browsergrid_starts_queued 0");
    } finally {
      sampling.set(false);
      ids.forEach(id -> tenant.delete("/v1/sessions/" + id));
    }
  }

  @Test
  void sixtyCreatesAgainstALimitOfTenLeaveExactlyTenLiveAndTheRestGet429WithRetryAfter() throws Exception {
    Api tenant = server.api().newTenant("capped", 10);
    List<String> ids = new ArrayList<>();
    try {
      int refused = 0;
      for (Api.Reply r : Burst.creates(tenant, 60, "{\"wait\":false}")) {
        if (r.status() == 201) {
          ids.add(r.json().get("id").asText());
        } else {
          assertThat(r.status()).as(r.body()).isEqualTo(429);
          assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
          assertThat(r.header("Content-Type")).startsWith("application/problem+json");
          refused++;
        }
      }
      assertThat(ids).hasSize(10);
      assertThat(refused).isEqualTo(50);
      JsonNode usage = tenant.get("/v1/usage").json();
      assertThat(usage.get("sessions").get("live").asInt()).isEqualTo(10);
      assertThat(usage.get("limits").get("maxConcurrentSessions").asInt()).isEqualTo(10);
    } finally {
      ids.forEach(id -> tenant.delete("/v1/sessions/" + id));
    }
  }
}
