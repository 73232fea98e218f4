package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closing the server while a warm pool is still starting browsers leaves none behind. */
class ShutdownIT {

  @Test
  void browsersStartingWhenTheServerStopsDoNotOutliveIt() {
    ServerFixture server = new ServerFixture(Map.of("BROWSERGRID_DEFAULT_POOL_MIN_IDLE", "6"));
    try {
      Poll.until(Duration.ofSeconds(20), "the default pool to be starting browsers",
          () -> server.api().get("/v1/pools/default").json().get("starting").asInt() > 0);
    } finally {
      server.close();
    }
    assertThat(server.chromiumProcesses()).as("Chromium processes after close()").isZero();
  }
}
