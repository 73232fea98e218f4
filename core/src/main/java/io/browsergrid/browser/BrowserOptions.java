package io.browsergrid.browser;

import java.util.List;

/**
 * What a client may choose about its browser. Already validated: {@code args} are on the allow-list
 * ({@link BrowserArgs}).
 *
 * @param headless  run without a window (default true)
 * @param viewport  window size, or {@code null} for Chromium's default
 * @param args      extra Chromium switches from the allow-list
 * @param userAgent the user agent to send, or {@code null}
 */
public record BrowserOptions(boolean headless, Viewport viewport, List<String> args, String userAgent) {
  public static final BrowserOptions DEFAULT = new BrowserOptions(true, null, List.of(), null);

  public BrowserOptions {
    args = args == null ? List.of() : List.copyOf(args);
  }
}
