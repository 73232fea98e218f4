package io.browsergrid.serverless;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads of a cloud function instance: daemons, so that a platform freezing or ending the instance never
 * waits for them, and cached, since a function's work comes in bursts.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A cached pool of daemon threads named {@code browsergrid-worker-N}; the caller shuts it down. */
  public static ExecutorService cached() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "browsergrid-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
