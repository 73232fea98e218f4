package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code cleanup} function, run by the scheduled event EventBridge sends, ends what no session owns. */
@ExtendWith(LambdaEnvironment.Extension.class)
class CleanupFunctionIT {

  @Test
  void aScheduledEventStopsABrowserThatNoSessionOwns(LambdaEnvironment env) throws IOException {
    BrowserHandle orphan = env.browsers().start(new BrowserSpec("orphan-" + UUID.randomUUID(), null, Map.of()));
    try {
      assertThat(env.browsers().awaitReady(orphan, Duration.ofSeconds(30)).phase())
          .isEqualTo(BrowserState.Phase.RUNNING);

      try (InputStream event = Events.bytes("scheduled-event.json")) {
        env.invoke("cleanup", event.readAllBytes());
      }

      assertThat(env.browsers().list()).extracting(BrowserHandle::browserId).doesNotContain(orphan.browserId());
    } finally {
      env.browsers().stop(orphan);
    }
  }
}
