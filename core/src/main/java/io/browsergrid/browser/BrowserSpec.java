package io.browsergrid.browser;

import java.util.Map;

/**
 * What to start.
 *
 * @param browserId our id for the browser (unique, a valid store key); providers tag what they start with it
 * @param options   the client's validated choices
 * @param labels    extra tags (tenant, session) a provider may attach to what it starts, for operators
 */
public record BrowserSpec(String browserId, BrowserOptions options, Map<String, String> labels) {
  /**
   * The label holding the CDP token the browser's agent checks and signs its reports with (providers whose browsers
   * run an agent hand it over; it is a secret, never a tag).
   */
  public static final String TOKEN_LABEL = "token";

  public BrowserSpec {
    options = options == null ? BrowserOptions.DEFAULT : options;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
