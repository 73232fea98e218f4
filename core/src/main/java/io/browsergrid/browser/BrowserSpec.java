package io.browsergrid.browser;

import java.util.Map;

/**
 * What to start.
 *
 * @param browserId  our id for the browser (unique, a valid store key); providers tag what they start with it
 * @param options    the client's validated choices
 * @param labels     extra tags (tenant, session) a provider may attach to what it starts, for operators; no secret
 * @param agentToken the CDP token the browser's agent checks and signs its reports with: a secret that providers
 *                   whose browsers run an agent hand over in its {@link AgentEnvironment}, never as a tag (null for
 *                   browsers without an agent)
 */
public record BrowserSpec(String browserId, BrowserOptions options, Map<String, String> labels, String agentToken) {
  public BrowserSpec {
    options = options == null ? BrowserOptions.DEFAULT : options;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** A spec without an agent token. */
  public BrowserSpec(String browserId, BrowserOptions options, Map<String, String> labels) {
    this(browserId, options, labels, null);
  }

  @Override
  public String toString() {
    // the token is a secret: a logged spec never shows it
    return "BrowserSpec[browserId=" + browserId + ", options=" + options + ", labels=" + labels + "]";
  }
}
