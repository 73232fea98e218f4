package io.browsergrid.agent;

import io.browsergrid.browser.BrowserArgs;
import io.browsergrid.browser.BrowserOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The switches Chromium starts with: fixed ones that keep it quiet on a closed network, those that place it in its
 * sandbox (profile, DevTools server, proxy: the sandbox's choice, never a client's), then the client's choices.
 */
public final class ChromiumFlags {
  private static final List<String> FIXED = List.of(
      "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

  /**
   * Chromium's arguments (without the executable), ending with {@code about:blank}. Throws
   * {@link IllegalArgumentException} if a client switch is refused by {@link BrowserArgs}: options reach here
   * validated, so that is a bug upstream, and nothing unvetted may reach the command line.
   *
   * @param placement the sandbox's switches ({@link SandboxedBrowser#flags()})
   */
  public List<String> arguments(BrowserOptions options, List<String> placement) {
    List<String> args = new ArrayList<>(FIXED.size() + placement.size() + options.args().size() + 4);
    if (options.headless()) {
      args.add("--headless");
    }
    args.addAll(FIXED);
    args.addAll(placement);
    if (options.viewport() != null) {
      args.add("--window-size=" + options.viewport().width() + "," + options.viewport().height());
    }
    if (options.userAgent() != null) {
      args.add("--user-agent=" + options.userAgent());
    }
    for (String arg : options.args()) {
      BrowserArgs.refusal(arg).ifPresent(why -> {
        throw new IllegalArgumentException("browser switch " + arg + " refused: " + why);
      });
      args.add(arg);
    }
    args.add("about:blank");
    return args;
  }
}
