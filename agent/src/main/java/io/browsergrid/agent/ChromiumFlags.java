package io.browsergrid.agent;

import io.browsergrid.browser.BrowserArgs;
import io.browsergrid.browser.BrowserOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The switches Chromium starts with: fixed ones that keep it isolated and quiet on a closed network, then the
 * client's choices. Whether the sandbox is switched off is decided by who runs the agent, never by a client.
 */
public final class ChromiumFlags {
  private static final List<String> FIXED = List.of(
      "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
      "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1");

  private final boolean noSandbox;

  /** @param noSandbox add {@code --no-sandbox}: only where Chromium's sandbox cannot start (root, some containers) */
  public ChromiumFlags(boolean noSandbox) {
    this.noSandbox = noSandbox;
  }

  /** The policy for this JVM: no sandbox exactly when it runs as root, where Chromium refuses to start one. */
  public static ChromiumFlags forCurrentUser() {
    try {
      // "Uid:" lists the real, effective, saved and filesystem uids
      String uids = Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:")).findFirst()
          .orElseThrow(() -> new IOException("no Uid line in /proc/self/status"));
      return new ChromiumFlags("0".equals(uids.substring(4).trim().split("\\s+")[1]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tell which user runs this process", e);
    }
  }

  /**
   * Chromium's arguments (without the executable), ending with {@code about:blank}. Throws
   * {@link IllegalArgumentException} if a client switch is not on {@link BrowserArgs}' allow-list: options reach
   * here validated, so that is a bug upstream, and nothing unvetted may reach the command line.
   */
  public List<String> arguments(BrowserOptions options, Path userDataDir) {
    List<String> args = new ArrayList<>(FIXED.size() + options.args().size() + 6);
    if (options.headless()) {
      args.add("--headless");
    }
    if (noSandbox) {
      args.add("--no-sandbox");
    }
    args.addAll(FIXED);
    args.add("--user-data-dir=" + userDataDir);
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
