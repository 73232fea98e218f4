package io.browsergrid.serverless;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.event.EventQueue;
import io.browsergrid.session.StoredSessionActivity;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The core of a cloud deployable, built once on a thread of its own from the moment {@link #start} is called while
 * the platform's framework starts on the init thread; {@link #get} waits for it. Owns what the build opened (SDK
 * clients) and closes it on {@link #close}.
 */
public final class CoreBuild implements AutoCloseable {
  private static final Logger LOG = System.getLogger(CoreBuild.class.getName());

  private final Function<Consumer<AutoCloseable>, BrowserGridCore> build;
  private final CompletableFuture<BrowserGridCore> core = new CompletableFuture<>();
  private final Queue<AutoCloseable> opened = new ConcurrentLinkedQueue<>();

  /** @param build builds the core, handing what it opens to its argument */
  public CoreBuild(Function<Consumer<AutoCloseable>, BrowserGridCore> build) {
    this.build = build;
  }

  /** Starts the build on a daemon thread; call once. */
  public CoreBuild start() {
    Thread thread = new Thread(() -> {
      try {
        core.complete(build.apply(opened::add));
      } catch (Throwable failed) {
        core.completeExceptionally(failed);
      }
    }, "browsergrid-core-build");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** The core, waiting for its build; rethrows what the build threw. */
  public BrowserGridCore get() {
    return joined(core);
  }

  /** Closes what the build opened so far; a client that fails to close is logged. Idempotent. */
  @Override
  public void close() {
    AutoCloseable next;
    while ((next = opened.poll()) != null) {
      try {
        next.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing " + next.getClass().getSimpleName() + " failed: " + e.getMessage());
      }
    }
  }

  /**
   * {@code core} with the operator key installed. Every function of a deployment starts cold with the same key, so
   * two may install it at the same moment; the loser's second pass finds it in place.
   *
   * @throws IllegalStateException when the key cannot be installed twice in a row
   */
  public static BrowserGridCore bootstrapped(BrowserGridCore core, String operatorKey) {
    try {
      core.bootstrap(Optional.of(operatorKey));
    } catch (IllegalStateException raced) {
      LOG.log(Level.INFO, "operator bootstrap raced another start; once more: " + raced.getMessage());
      core.bootstrap(Optional.of(operatorKey));
    }
    return core;
  }

  /**
   * The core every cloud deployable runs, from its cloud's store, browsers and queue: the shared settings, the
   * deployable's executor and clock, activity the agents report kept in the store, the per-tenant delivery bound,
   * the operator key installed ({@link #bootstrapped}).
   */
  public static BrowserGridCore assembled(KeyValueStore store, BrowserProvider browsers, EventQueue queue,
      ServerlessSettings settings, ExecutorService executor, Clock clock) {
    BrowserGridCore core = BrowserGridCore.builder(store, browsers, queue, settings.core())
        .executor(executor).clock(clock)
        .agentReportedActivity(new StoredSessionActivity(store, new JsonCodec(), clock))
        .deliveriesPerTenant(settings.deliveriesPerTenant()).build();
    return bootstrapped(core, settings.apiKey());
  }

  /** What {@code future} completes with; rethrows what it failed with, unwrapped where it is unchecked. */
  public static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failed.getCause() instanceof Error error) {
        throw error;
      }
      throw failed;
    }
  }
}
