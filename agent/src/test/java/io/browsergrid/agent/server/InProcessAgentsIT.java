package io.browsergrid.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud deployables' stand-in for their container providers passes the same contract as the real providers;
 * the contract's CDP check goes through each agent's token-checked endpoint, as a session's client does.
 */
class InProcessAgentsIT extends BrowserProviderContract {
  @TempDir
  static Path dir;
  /** These agents report to nobody: the contract is about the browsers. */
  private static final URI NOWHERE = null;
  private InProcessAgents provider;
  private InProcessAgents failing;

  @Override
  protected BrowserProvider provider() {
    if (provider == null) {
      provider = TestAgents.inProcess(NOWHERE, dir.resolve("ok"));
    }
    return provider;
  }

  @Override
  protected BrowserProvider failingProvider() {
    if (failing == null) {
      try {
        Path broken = Files.writeString(dir.resolve("not-chromium"), "#!/bin/sh\nexit 3\n");
        broken.toFile().setExecutable(true);
        failing = TestAgents.inProcess(NOWHERE, dir.resolve("failing"), Map.of(ChromiumLocator.ENV, broken.toString()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return failing;
  }

  @Override
  protected JsonNode browserGetVersion(String cdpEndpoint) throws Exception {
    String browserId = provider.list().stream()
        .filter(h -> provider.state(h).cdpEndpoint().equals(cdpEndpoint)).findFirst().orElseThrow().browserId();
    return super.browserGetVersion(cdpEndpoint + "?token=" + provider.tokenOf(browserId).orElseThrow());
  }

  @AfterEach
  void closeAgents() {
    if (provider != null) {
      provider.close();
    }
    if (failing != null) {
      failing.close();
    }
  }
}
