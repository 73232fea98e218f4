package io.browsergrid.browser;

import java.util.List;

/**
 * What a client may choose about its browser. Already validated: {@code args} are on the allow-list with checked
 * values ({@link BrowserArgs}).
 *
 * @param headless  run without a window (default true)
 * @param viewport  window size, or {@code null} for Chromium's default
 * @param args      extra Chromium switches from the allow-list
 * @param userAgent the user agent to send, or {@code null}
 * @param proxy     the client's own upstream proxy, or {@code null} to reach the network directly (through egress)
 */
public record BrowserOptions(boolean headless, Viewport viewport, List<String> args, String userAgent,
    BrowserProxy proxy) {
  public static final BrowserOptions DEFAULT = new BrowserOptions(true, null, List.of(), null, null);

  public BrowserOptions {
    args = args == null ? List.of() : List.copyOf(args);
  }

  /** These options without their proxy: what answers show as {@code browser}. */
  public BrowserOptions withoutProxy() {
    return proxy == null ? this : new BrowserOptions(headless, viewport, args, userAgent, null);
  }

  /** Options without an upstream proxy. */
  public BrowserOptions(boolean headless, Viewport viewport, List<String> args, String userAgent) {
    this(headless, viewport, args, userAgent, null);
  }
}
