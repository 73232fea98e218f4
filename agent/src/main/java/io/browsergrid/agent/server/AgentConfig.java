package io.browsergrid.agent.server;

import io.browsergrid.browser.BrowserOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one agent needs: whom it serves, where it listens, which Chromium it starts and where it reports.
 * The compact constructor refuses blank ids, a blank token, a port outside 0..65535 (0 picks a free one) and
 * non-positive durations.
 *
 * @param sessionId        the session the browser serves; names the session in signed callbacks
 * @param browserId        the browser's id, as the control plane knows it
 * @param sessionToken     the token CDP clients must present; also the callbacks' signing key
 * @param bindHost         the address to listen on ({@code 0.0.0.0} in a container)
 * @param port             the port to listen on
 * @param tls              certificate and key for {@code wss}, or {@code null} for plain {@code ws}
 * @param publicUrl        how clients reach this agent ({@code wss://host:port}), or {@code null} to use their
 *                         {@code Host} header
 * @param callbackUrl      where to POST signed events, or {@code null} for none
 * @param chromium         the Chromium executable
 * @param forceNoSandbox   run the browser without a sandbox (an operator's explicit choice, for containers
 *                         without user namespaces); by default it runs in bubblewrap or the agent does not start
 * @param browser          headless, window size, user agent and extra switches, already allow-listed
 * @param activityInterval how often to report activity while clients are connected
 * @param startTimeout     how long Chromium may take to answer CDP before the agent gives up
 * @param workDir          where the browser's profile folder is created
 */
public record AgentConfig(String sessionId, String browserId, String sessionToken, String bindHost, int port,
    Tls tls, URI publicUrl, URI callbackUrl, Path chromium, boolean forceNoSandbox, BrowserOptions browser,
    Duration activityInterval, Duration startTimeout, Path workDir) {

  /** PEM files for {@code wss}: the certificate chain and its PKCS#8 private key. */
  public record Tls(Path certificateChain, Path privateKey) {
    public Tls {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  public AgentConfig {
    requireText(sessionId, "sessionId");
    requireText(browserId, "browserId");
    requireText(sessionToken, "sessionToken");
    requireText(bindHost, "bindHost");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    Objects.requireNonNull(chromium, "chromium");
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(workDir, "workDir");
    requirePositive(activityInterval, "activityInterval");
    requirePositive(startTimeout, "startTimeout");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
