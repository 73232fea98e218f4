package io.browsergrid.agent;

import java.lang.System.Logger.Level;
import java.util.List;

/** What is left of a browser once its processes are gone: listeners to close, folders to delete, uids to give back. */
final class BrowserRemains {
  private static final System.Logger LOG = System.getLogger(BrowserRemains.class.getName());

  private final SandboxedBrowser box;
  private final List<AutoCloseable> held;

  BrowserRemains(SandboxedBrowser box, List<AutoCloseable> held) {
    this.box = box;
    this.held = List.copyOf(held);
  }

  /** Closes, deletes and releases; call once, after every process of the browser has exited. */
  void remove() {
    for (AutoCloseable resource : held) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "cannot close " + resource + ": " + e);
      }
    }
    box.owned().forEach(ProfileDir::delete);
    box.release().run();
  }
}
