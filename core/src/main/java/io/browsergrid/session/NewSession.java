package io.browsergrid.session;

import io.browsergrid.browser.BrowserOptions;
import java.util.Map;

/**
 * A validated request for a session.
 *
 * @param pool               the pool to create it on
 * @param timeoutSeconds     hard cap, 10..21600
 * @param idleTimeoutSeconds 0 (off) or 10..timeoutSeconds
 * @param browser            browser options, switches already on the allow-list
 * @param metadata           at most 16 client labels
 * @param waitForRunning     hold the answer until running or failed (up to {@link SessionService#WAIT_LIMIT})
 * @param ephemeral          a quick-connect session, ended when its client leaves
 */
public record NewSession(String pool, int timeoutSeconds, int idleTimeoutSeconds, BrowserOptions browser,
    Map<String, String> metadata, boolean waitForRunning, boolean ephemeral) {
  public static final int DEFAULT_TIMEOUT = 900;
  public static final int DEFAULT_IDLE_TIMEOUT = 300;
  /** Quick-connect sessions end this long after their last client left. */
  public static final int QUICK_CONNECT_IDLE_TIMEOUT = 30;
  public static final int MIN_TIMEOUT = 10;
  public static final int MAX_TIMEOUT = 21_600;

  public NewSession {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
