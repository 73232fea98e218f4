package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.browsergrid.cleanup.Cleanup;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * The {@code cleanup} function, run by an EventBridge schedule: one pass of the core's {@link Cleanup}. A failing
 * pass throws, so Lambda records the error; the next scheduled run repeats it, as every pass is idempotent.
 */
public final class CleanupFunction implements Consumer<ScheduledEvent> {
  private static final Logger LOG = System.getLogger(CleanupFunction.class.getName());

  private final Cleanup cleanup;

  public CleanupFunction(Cleanup cleanup) {
    this.cleanup = cleanup;
  }

  @Override
  public void accept(ScheduledEvent event) {
    Cleanup.Report report = cleanup.run();
    if (report.didSomething()) {
      LOG.log(Level.INFO, "cleanup: " + report);
    }
  }
}
