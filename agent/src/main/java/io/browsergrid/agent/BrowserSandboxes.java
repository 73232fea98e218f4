package io.browsergrid.agent;

import java.nio.file.Path;

/** Chooses the sandbox browsers run in, for a server's or an agent's composition root. */
public final class BrowserSandboxes {
  private BrowserSandboxes() {}

  /**
   * The bubblewrap sandbox, or, only when {@code off}, none. Throws {@link IllegalStateException} saying what is
   * missing when the sandbox cannot run here: browsers never start unconfined unless an operator said so.
   */
  public static BrowserSandbox choose(boolean off, Path chromium, CurrentUser user) {
    if (off) {
      return new UnconfinedBrowserSandbox(user.isRoot());
    }
    BubblewrapBrowserSandbox.Result found = BubblewrapBrowserSandbox.find(chromium, user);
    return found.found().orElseThrow(() -> new IllegalStateException("browsers cannot be sandboxed here: "
        + found.whyNot() + "; set BROWSERGRID_BROWSER_SANDBOX=off to run them unconfined (tenants are then not "
        + "isolated from the host or each other)"));
  }
}
