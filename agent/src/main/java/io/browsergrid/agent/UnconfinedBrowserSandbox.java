package io.browsergrid.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No sandbox ({@code BROWSERGRID_BROWSER_SANDBOX=off}, or a container without user namespaces): Chromium runs as the
 * server's user with a DevTools port on the host's loopback and the host's network; its pages go through the egress
 * as a proxy on a loopback port, which a CDP client can get around. Tenants are not isolated; servers say so at every
 * start.
 */
public final class UnconfinedBrowserSandbox implements BrowserSandbox {
  private final boolean noChromiumSandbox;

  /** @param noChromiumSandbox add {@code --no-sandbox}: Chromium refuses its own sandbox as root */
  public UnconfinedBrowserSandbox(boolean noChromiumSandbox) {
    this.noChromiumSandbox = noChromiumSandbox;
  }

  @Override
  public String name() {
    return "off";
  }

  @Override
  public boolean isolates() {
    return false;
  }

  @Override
  public SandboxedBrowser prepare(Path profileDir) throws IOException {
    Path userDataDir = profileDir.resolve("profile").toAbsolutePath();
    List<Path> owned = new ArrayList<>(List.of(profileDir));
    Files.createDirectories(userDataDir);
    Path tmp = ChromiumTmpDir.create(profileDir);
    if (ChromiumTmpDir.isOutsideProfile(tmp)) {
      owned.add(tmp);
    }
    List<String> flags = new ArrayList<>(List.of("--user-data-dir=" + userDataDir, "--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1"));
    if (noChromiumSandbox) {
      flags.add("--no-sandbox");
    }
    return new SandboxedBrowser(List.of(), Map.of("TMPDIR", tmp.toString(), "PATH", "/usr/bin:/bin"), flags,
        url -> CdpEndpoint.parse(url.toString()), Optional.empty(), owned, () -> { });
  }
}
