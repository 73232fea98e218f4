package io.browsergrid.browser;

/**
 * What a provider knows about a browser now.
 *
 * @param phase       where it is
 * @param cdpEndpoint the browser-level CDP WebSocket URL the proxy connects to, when {@link Phase#RUNNING}
 * @param version     the browser's product string (e.g. {@code Chrome/150.0...}), when known
 * @param detail      why, for {@link Phase#FAILED} and {@link Phase#GONE}
 */
public record BrowserState(Phase phase, String cdpEndpoint, String version, String detail) {

  /** A browser's phase. */
  public enum Phase {
    /** Started, not answering CDP yet. */
    STARTING,
    /** Answering CDP at {@link #cdpEndpoint()}. */
    RUNNING,
    /** Could not start, or crashed. */
    FAILED,
    /** Not running (stopped, or never known to this provider). */
    GONE
  }

  public static BrowserState starting() {
    return new BrowserState(Phase.STARTING, null, null, null);
  }

  public static BrowserState running(String cdpEndpoint, String version) {
    return new BrowserState(Phase.RUNNING, cdpEndpoint, version, null);
  }

  public static BrowserState failed(String detail) {
    return new BrowserState(Phase.FAILED, null, null, detail);
  }

  public static BrowserState gone(String detail) {
    return new BrowserState(Phase.GONE, null, null, detail);
  }
}
