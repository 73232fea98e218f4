package io.browsergrid.agent.server;

/**
 * Why an agent ended and the process exit code that says so.
 *
 * @param code   {@link #STOPPED}, {@link #BROWSER_EXITED}, {@link #START_FAILED}, {@link #CERTIFICATE_LOST} (or {@link #CONFIGURATION} from
 *               {@link AgentMain} before an agent exists)
 * @param reason one line for the log
 */
public record AgentExit(int code, String reason) {
  /** Stopped on purpose ({@link Agent#stop()}, SIGTERM). */
  public static final int STOPPED = 0;
  /** Chromium exited after it had answered CDP. */
  public static final int BROWSER_EXITED = 1;
  /** The environment does not describe a usable agent. */
  public static final int CONFIGURATION = 2;
  /** Chromium could not be started, or did not answer CDP in time, or no TLS certificate could be had. */
  public static final int START_FAILED = 3;
  /** The TLS certificate expired and could not be renewed: no client may be served without one. */
  public static final int CERTIFICATE_LOST = 4;

  static AgentExit stopped() {
    return new AgentExit(STOPPED, "stopped");
  }

  static AgentExit browserExited(String detail) {
    return new AgentExit(BROWSER_EXITED, "Chromium exited: " + detail);
  }

  static AgentExit startFailed(String detail) {
    return new AgentExit(START_FAILED, "Chromium did not start: " + detail);
  }

  static AgentExit noCertificate(String detail) {
    return new AgentExit(START_FAILED, "no TLS certificate: " + detail);
  }

  static AgentExit certificateLost() {
    return new AgentExit(CERTIFICATE_LOST, "the TLS certificate expired and was not renewed");
  }
}
