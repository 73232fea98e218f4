package io.browsergrid.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose browsers exist only as entries in a map: each is running the moment it starts and answers at an
 * endpoint nothing listens on. For tests of the control plane at a scale no machine runs real browsers at (the
 * sessions' records, slots and lists), never for anything that speaks CDP.
 */
public final class FakeBrowserProvider implements BrowserProvider {
  private static final String ENDPOINT = "ws://127.0.0.1:9/devtools/browser/";
  private static final String VERSION = "Fake/1.0";
  private final Map<String, BrowserHandle> running = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger startingNow = new AtomicInteger();
  private final AtomicInteger mostStartingAtOnce = new AtomicInteger();
  private final List<Stop> stops = new CopyOnWriteArrayList<>();
  private final Map<String, BrowserHandle> failed = new ConcurrentHashMap<>();
  private volatile CountDownLatch readyGate = new CountDownLatch(0);
  private volatile String failure;
  private volatile java.util.OptionalInt longestSession = java.util.OptionalInt.empty();

  /** One call of {@link #stop}: which browser, from which thread, and whether it was running then. */
  public record Stop(String browserId, Thread by, boolean wasRunning) {}

  @Override
  public String name() {
    return "fake";
  }

  /** From now on this provider's sessions last at most {@code seconds}, as on a platform that bounds them. */
  public void longestSession(int seconds) {
    longestSession = java.util.OptionalInt.of(seconds);
  }

  @Override
  public java.util.OptionalInt longestSessionSeconds() {
    return longestSession;
  }

  @Override
  public BrowserHandle start(BrowserSpec spec) {
    BrowserHandle handle = new BrowserHandle(spec.browserId(), "fake:" + spec.browserId());
    (failure == null ? running : failed).put(spec.browserId(), handle);
    started.incrementAndGet();
    mostStartingAtOnce.accumulateAndGet(startingNow.incrementAndGet(), Math::max);
    return handle;
  }

  /** Answers once the gate is open (at once unless {@link #holdStarts} closed it), within {@code timeout}. */
  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    try {
      readyGate.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      startingNow.decrementAndGet();
    }
    return state(handle);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    if (failed.containsKey(handle.browserId())) {
      return BrowserState.failed(failure == null ? "the browser could not start" : failure);
    }
    return running.containsKey(handle.browserId())
        ? BrowserState.running(ENDPOINT + handle.browserId(), VERSION)
        : BrowserState.gone("stopped");
  }

  @Override
  public void stop(BrowserHandle handle) {
    failed.remove(handle.browserId());
    stops.add(new Stop(handle.browserId(), Thread.currentThread(), running.remove(handle.browserId()) != null));
  }

  /** From now on every start fails with {@code detail}, as a browser whose executable or image is broken. */
  public void failStarts(String detail) {
    failure = detail;
  }

  /** Browser {@code browserId} dies on its own (a crash): gone, with no {@link #stop} call. */
  public void crash(String browserId) {
    running.remove(browserId);
  }

  /**
   * The version of the running browser at {@code cdpEndpoint}, as its {@code Browser.getVersion} would name it:
   * what a test of this double asks instead of speaking CDP to an endpoint nothing listens on.
   */
  public java.util.Optional<String> versionAt(String cdpEndpoint) {
    return cdpEndpoint.startsWith(ENDPOINT) && running.containsKey(cdpEndpoint.substring(ENDPOINT.length()))
        ? java.util.Optional.of(VERSION) : java.util.Optional.empty();
  }

  @Override
  public List<BrowserHandle> list() {
    return List.copyOf(running.values());
  }

  /** Browsers started so far. */
  public int started() {
    return started.get();
  }

  /** Browsers running now. */
  public int running() {
    return running.size();
  }

  /** From now on starts wait in {@link #awaitReady} until {@link #releaseStarts}. */
  public void holdStarts() {
    readyGate = new CountDownLatch(1);
  }

  /** Lets every held start (and every later one) answer. */
  public void releaseStarts() {
    readyGate.countDown();
  }

  /** Browsers between {@link #start} and the end of their {@link #awaitReady} now. */
  public int startingNow() {
    return startingNow.get();
  }

  /** The most browsers ever between {@link #start} and the end of their {@link #awaitReady} at once. */
  public int mostStartingAtOnce() {
    return mostStartingAtOnce.get();
  }

  /** Every stop so far, in order. */
  public List<Stop> stops() {
    return List.copyOf(stops);
  }
}
