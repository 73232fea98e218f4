package io.browsergrid.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose browsers exist only as entries in a map: each is running the moment it starts and answers at an
 * endpoint nothing listens on. For tests of the control plane at a scale no machine runs real browsers at (the
 * sessions' records, slots and lists), never for anything that speaks CDP.
 */
public final class FakeBrowserProvider implements BrowserProvider {
  private final Map<String, BrowserHandle> running = new ConcurrentHashMap<>();
  private final AtomicInteger started = new AtomicInteger();

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public BrowserHandle start(BrowserSpec spec) {
    BrowserHandle handle = new BrowserHandle(spec.browserId(), "fake:" + spec.browserId());
    running.put(spec.browserId(), handle);
    started.incrementAndGet();
    return handle;
  }

  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    return state(handle);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    return running.containsKey(handle.browserId())
        ? BrowserState.running("ws://127.0.0.1:9/devtools/browser/" + handle.browserId(), "Fake/1.0")
        : BrowserState.gone("stopped");
  }

  @Override
  public void stop(BrowserHandle handle) {
    running.remove(handle.browserId());
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
}
