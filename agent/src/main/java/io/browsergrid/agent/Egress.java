package io.browsergrid.agent;

import io.browsergrid.browser.BrowserProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where a sandboxed browser's traffic leaves the machine: a proxy the server runs, with its address policy. */
public interface Egress {
  /**
   * Starts serving the browser whose egress forwarder connects to {@code socket} (a Unix socket this creates; its
   * folder keeps others out), sending its traffic through {@code upstream} when given. Closing the result stops
   * serving and removes the socket; idempotent.
   *
   * @throws IOException if the socket cannot be made
   */
  AutoCloseable open(String browserId, Path socket, Optional<BrowserProxy> upstream) throws IOException;

  /**
   * Serves an unconfined browser (no network namespace of its own) on a fresh loopback TCP port, which it is told to
   * use as its proxy: the same policy for what goes through it, though a CDP client can open a context that does
   * not. Closing the result stops serving; idempotent.
   *
   * @throws IOException if no port can be bound
   */
  Loopback openLoopback(String browserId, Optional<BrowserProxy> upstream) throws IOException;

  /** A loopback egress: the port to proxy through, and how to stop serving it. */
  record Loopback(int port, AutoCloseable closer) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      closer.close();
    }
  }
}
