package io.browsergrid.aws.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * EventBridge Scheduler, locally: invokes {@code cleanup} every {@code every} with the event the Terraform module's
 * schedule sends (a scheduled event filled with the scheduler's context). A failed run is logged; the next one
 * repeats its work, as in the cloud, where the schedule does not retry.
 */
final class CleanupSchedule implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BiFunction<String, byte[], byte[]> invoke;
  private final Duration every;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "local-cleanup-schedule");
    thread.setDaemon(true);
    return thread;
  });

  CleanupSchedule(BiFunction<String, byte[], byte[]> invoke, Duration every) {
    this.invoke = invoke;
    this.every = every;
  }

  CleanupSchedule start() {
    timer.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void runOnce() {
    try {
      invoke.apply("cleanup", event(Instant.now()));
    } catch (RuntimeException e) {
      System.err.println("cleanup failed (the next run repeats it): " + e);
    }
  }

  /** The event the module's schedule sends at {@code time}. */
  static byte[] event(Instant time) {
    ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
        .put("detail-type", "Scheduled Event").put("source", "aws.scheduler").put("account", "000000000000")
        .put("time", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).put("region", "us-east-1");
    event.putArray("resources").add("arn:aws:scheduler:us-east-1:000000000000:schedule/default/browsergrid-cleanup");
    event.putObject("detail");
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
