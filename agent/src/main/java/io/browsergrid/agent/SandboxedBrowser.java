package io.browsergrid.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One browser's confinement, as {@link BrowserSandbox#prepare} laid it out.
 *
 * @param prefix        the command words before Chromium's executable (the sandbox and what it starts first)
 * @param environment   the whole environment of the spawned process (nothing of the server's is inherited)
 * @param flags         Chromium switches that place it in the sandbox: profile, DevTools server, proxy
 * @param endpoint      turns the DevTools URL Chromium prints into the endpoint the server reaches it at
 * @param egressSocket  where the browser's egress forwarder connects: the server listens there for this browser's
 *                      traffic; empty when the browser reaches the network directly
 * @param owned         folders deleted once the browser is gone
 * @param release       gives back what the sandbox holds for this browser (its uids); call once, after it is gone
 */
public record SandboxedBrowser(List<String> prefix, Map<String, String> environment, List<String> flags,
    Function<URI, CdpEndpoint> endpoint, Optional<Path> egressSocket, List<Path> owned, Runnable release) {

  public SandboxedBrowser {
    prefix = List.copyOf(prefix);
    environment = Map.copyOf(environment);
    flags = List.copyOf(flags);
    owned = List.copyOf(owned);
  }
}
