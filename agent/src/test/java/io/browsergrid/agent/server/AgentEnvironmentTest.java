package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.browser.AgentEnvironment;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProxy;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.Viewport;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment a provider starts a browser container with is exactly what the agent reads: every option a client
 * chose comes back from {@link AgentVariables} unchanged, and nothing the agent does not read is set.
 */
class AgentEnvironmentTest {
  @Test
  void whatAProviderSetsIsWhatTheAgentReads() {
    BrowserOptions options = new BrowserOptions(false, new Viewport(1280, 720), List.of("--lang=de", "--mute-audio"),
        "Bot/1.0", BrowserProxy.parse("http://user:pw@proxy.example:3128", List.of("*.internal", "example.org")));
    BrowserSpec spec = new BrowserSpec("pb-0123456789abcdef", options, Map.of("pool", "scrapers"), "t0k3n");
    Map<String, String> env = AgentEnvironment.of(spec, "https://api.example/agent/pb-0123456789abcdef");

    Map<String, String> container = new HashMap<>(env);
    container.put(ChromiumLocator.ENV, Path.of("/bin/true").toString());
    AgentConfig config = new AgentVariables(container).config();

    assertThat(config.browserId()).isEqualTo(spec.browserId());
    assertThat(config.sessionToken()).isEqualTo("t0k3n");
    assertThat(config.callbackUrl()).isEqualTo(URI.create("https://api.example/agent/pb-0123456789abcdef"));
    assertThat(config.browser()).isEqualTo(options);
    assertThat(env.keySet()).as("every variable the provider sets is one the agent reads").allSatisfy(name ->
        assertThat(List.of(AgentVariables.BROWSER_ID, AgentVariables.SESSION_TOKEN, AgentVariables.CALLBACK_URL,
            AgentVariables.HEADLESS, AgentVariables.WINDOW_SIZE, AgentVariables.USER_AGENT,
            AgentVariables.BROWSER_ARGS, AgentVariables.PROXY, AgentVariables.PROXY_BYPASS)).contains(name));
    assertThat(env.values()).as("labels are tags, not environment").doesNotContain("scrapers");
    assertThat(spec.toString()).as("a logged spec").doesNotContain("t0k3n");
  }

  @Test
  void defaultsStayDefaults() {
    BrowserSpec spec = new BrowserSpec("b-1", BrowserOptions.DEFAULT, Map.of(), "tok");
    Map<String, String> container = new HashMap<>(AgentEnvironment.of(spec, null));
    container.put(ChromiumLocator.ENV, "/bin/true");
    AgentConfig config = new AgentVariables(container).config();
    assertThat(config.browser()).isEqualTo(BrowserOptions.DEFAULT);
    assertThat(config.callbackUrl()).isNull();
    assertThat(container).doesNotContainKeys(AgentVariables.WINDOW_SIZE, AgentVariables.PROXY);
  }
}
