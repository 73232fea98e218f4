package io.browsergrid.agent.proxy;

/**
 * What a {@link CdpRelay} reports about one relayed connection. Every method runs on the connection's event loop
 * and must return quickly without blocking.
 */
public interface RelayListener {

  /** The browser accepted the TCP connection and the upgrade request is on its way; bytes flow from now on. */
  void opened();

  /** The client sent bytes. Called for every read, so it must cost next to nothing (e.g. store a timestamp). */
  void activity();

  /** Both sides are closed. Called exactly once per relay, also when the browser could not be reached. */
  void closed();
}
