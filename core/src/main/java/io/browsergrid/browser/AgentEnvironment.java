package io.browsergrid.browser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a browser container's agent is started with, declared once: every provider that starts one
 * (Fargate, and the clouds to come) builds it here, and the agent reads these names. The CDP token and the page
 * proxy's URL are secrets of this environment only, never tags or labels.
 */
public final class AgentEnvironment {
  public static final String BROWSER_ID = "BROWSERGRID_BROWSER_ID";
  public static final String SESSION_TOKEN = "BROWSERGRID_SESSION_TOKEN";
  public static final String CALLBACK_URL = "BROWSERGRID_CALLBACK_URL";
  public static final String HEADLESS = "BROWSERGRID_HEADLESS";
  /** {@code width,height} */
  public static final String WINDOW_SIZE = "BROWSERGRID_WINDOW_SIZE";
  public static final String USER_AGENT = "BROWSERGRID_USER_AGENT";
  /** one allow-listed switch per line */
  public static final String BROWSER_ARGS = "BROWSERGRID_BROWSER_ARGS";
  public static final String PROXY = "BROWSERGRID_PROXY";
  /** one host pattern per line */
  public static final String PROXY_BYPASS = "BROWSERGRID_PROXY_BYPASS";

  private AgentEnvironment() {}

  /**
   * The variables for the agent of {@code spec}'s browser, in a stable order; only those with a value.
   *
   * @param callbackUrl where the agent reports (null when it does not)
   */
  public static Map<String, String> of(BrowserSpec spec, String callbackUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(BROWSER_ID, spec.browserId());
    if (spec.agentToken() != null) {
      env.put(SESSION_TOKEN, spec.agentToken());
    }
    if (callbackUrl != null) {
      env.put(CALLBACK_URL, callbackUrl);
    }
    BrowserOptions options = spec.options();
    env.put(HEADLESS, Boolean.toString(options.headless()));
    if (options.viewport() != null) {
      env.put(WINDOW_SIZE, options.viewport().width() + "," + options.viewport().height());
    }
    if (options.userAgent() != null) {
      env.put(USER_AGENT, options.userAgent());
    }
    if (!options.args().isEmpty()) {
      env.put(BROWSER_ARGS, String.join("\n", options.args()));
    }
    if (options.proxy() != null) {
      env.put(PROXY, options.proxy().url());
      if (!options.proxy().bypass().isEmpty()) {
        env.put(PROXY_BYPASS, String.join("\n", options.proxy().bypass()));
      }
    }
    return env;
  }
}
