package io.browsergrid.agent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How each browser is confined on this machine: {@link BubblewrapBrowserSandbox} (its own uid, mount, PID and network
 * namespace) or {@link UnconfinedBrowserSandbox} (an operator's explicit {@code off}).
 */
public interface BrowserSandbox {
  /** What the log and {@code /health} call it: {@code bubblewrap} or {@code off}. */
  String name();

  /** True when one browser can reach neither the host's files, nor other browsers, nor the network but by egress. */
  boolean isolates();

  /**
   * Lays out a new browser's folders under {@code profileDir} (which should not exist yet) and says how Chromium is
   * started in them. Each call returns a browser of its own; {@link SandboxedBrowser#release()} gives back what it
   * holds once the browser is gone.
   *
   * @throws IOException if the folders cannot be made; nothing is left behind then
   */
  SandboxedBrowser prepare(Path profileDir) throws IOException;
}
