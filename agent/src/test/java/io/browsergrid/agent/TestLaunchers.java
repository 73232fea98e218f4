package io.browsergrid.agent;

import io.browsergrid.agent.egress.EgressProxy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Launchers as servers build them, for tests: the machine's Chromium in the bubblewrap sandbox (the suite fails
 * where there can be none, it never falls back), its traffic through one egress that lets loopback through, since
 * tests serve their pages there.
 */
public final class TestLaunchers {
  private static final Path CHROMIUM = new ChromiumLocator(System.getenv()).locate();
  // one per test JVM: its threads are daemons and it holds nothing once its browsers are gone
  private static final EgressProxy EGRESS = new EgressProxy(EgressProxy.guard(true));

  private TestLaunchers() {}

  public static Path chromium() {
    return CHROMIUM;
  }

  public static BrowserSandbox sandbox(Path executable) {
    return BrowserSandboxes.choose(false, executable, CurrentUser.read());
  }

  public static EgressProxy egress() {
    return EGRESS;
  }

  /** The machine's Chromium, sandboxed. */
  public static ChromiumLauncher sandboxed() {
    return sandboxed(CHROMIUM, Optional.empty());
  }

  /** {@code executable} (a real or a fake Chromium), sandboxed, in {@code cpuGroup} when given. */
  public static ChromiumLauncher sandboxed(Path executable, Optional<BrowserCpuGroup> cpuGroup) {
    return new ChromiumLauncher(executable, sandbox(executable), EGRESS, cpuGroup);
  }
}
