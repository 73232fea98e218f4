package io.browsergrid.browser;

import java.util.Optional;
import java.util.Set;

/**
 * The allow-list of Chromium switches a client may pass. Anything that would weaken isolation or reach outside the
 * browser's own profile (remote debugging, profile or extension paths, sandbox switches, GPU/process-model changes)
 * is refused.
 */
public final class BrowserArgs {
  /** Most switches a client may pass. */
  public static final int MAX_ARGS = 32;
  /** Longest single switch, value included. */
  public static final int MAX_LENGTH = 1024;

  // --disable-features/--enable-features are left out on purpose: they can switch off site isolation
  private static final Set<String> ALLOWED = Set.of(
      "--lang", "--accept-lang", "--window-size", "--force-device-scale-factor", "--hide-scrollbars",
      "--mute-audio", "--disable-notifications", "--font-render-hinting", "--force-color-profile",
      "--disable-blink-features", "--blink-settings",
      "--proxy-server", "--proxy-bypass-list", "--autoplay-policy", "--disable-extensions",
      "--start-maximized", "--disable-popup-blocking", "--disable-translate", "--no-default-browser-check",
      "--disable-infobars", "--user-agent", "--force-dark-mode", "--disable-smooth-scrolling");

  private BrowserArgs() {}

  /** Empty when {@code arg} is allowed, else why not (a sentence for the problem's field message). */
  public static Optional<String> refusal(String arg) {
    if (arg == null || arg.isEmpty()) {
      return Optional.of("must be a non-empty switch");
    }
    if (arg.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (arg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of("must not contain control characters");
    }
    if (!arg.startsWith("--")) {
      return Optional.of("must be a switch starting with --");
    }
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg : arg.substring(0, eq);
    if (!ALLOWED.contains(name)) {
      return Optional.of(name + " is not on the allow-list of browser switches");
    }
    return Optional.empty();
  }

  /** The allowed switch names, for the documentation. */
  public static Set<String> allowed() {
    return ALLOWED;
  }
}
