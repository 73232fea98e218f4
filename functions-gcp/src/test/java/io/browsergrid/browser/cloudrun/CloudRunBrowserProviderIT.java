package io.browsergrid.browser.cloudrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.browsergrid.agent.server.InProcessAgents;
import io.browsergrid.agent.server.TestAgents;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cloud Run provider passes the provider contract through the real Run Admin client against the local API
 * server, each service running a real agent with a real Chromium from the environment the provider gave it; the
 * contract's CDP check goes through that agent's token-checked endpoint, as a session's client does.
 */
class CloudRunBrowserProviderIT extends BrowserProviderContract {
  @TempDir
  static Path dir;
  // per class: the contract stops its browsers after each test, through the server, so it outlives every test
  private static InProcessAgents agents;
  private static FakeCloudRun run;
  private static CloudRunBrowserProvider provider;
  private static CloudRunBrowserProvider failing;

  @Override
  protected BrowserProvider provider() {
    if (provider == null) {
      agents = TestAgents.inProcess(null, dir.resolve("agents"));
      run = fake(agents);
      provider = new CloudRunBrowserProvider(run.client(), CloudRunSettingsTest.settings("agent-image:1"));
    }
    return provider;
  }

  @Override
  protected BrowserProvider failingProvider() {
    if (failing == null) {
      provider();
      failing = new CloudRunBrowserProvider(run.client(), CloudRunSettingsTest.settings(FakeCloudRun.MISSING_IMAGE));
    }
    return failing;
  }

  @Override
  protected Duration readyTimeout() {
    return Duration.ofSeconds(90);
  }

  @Override
  protected JsonNode browserGetVersion(String cdpEndpoint) throws Exception {
    String browserId = agents.list().stream()
        .filter(h -> agents.state(h).cdpEndpoint().equals(cdpEndpoint)).findFirst().orElseThrow().browserId();
    return super.browserGetVersion(cdpEndpoint + "?token=" + agents.tokenOf(browserId).orElseThrow());
  }

  @AfterAll
  static void closeAll() {
    if (run != null) {
      run.close();
    }
    if (agents != null) {
      agents.close();
    }
  }

  private static FakeCloudRun fake(InProcessAgents agents) {
    try {
      return new FakeCloudRun(agents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
