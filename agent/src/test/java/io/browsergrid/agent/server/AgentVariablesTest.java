package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.agent.acme.AcmeSettings;
import io.browsergrid.browser.BrowserProxy;
import io.browsergrid.browser.Viewport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentVariablesTest {
  @TempDir
  Path tmp;

  private final Map<String, String> env = new HashMap<>();
  private Path chromium;

  @BeforeEach
  void minimalEnvironment() throws Exception {
    chromium = Files.createFile(tmp.resolve("chromium"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    env.put(ChromiumLocator.ENV, chromium.toString());
    env.put(AgentVariables.BROWSER_ID, "browser-1");
    env.put(AgentVariables.SESSION_TOKEN, "tok");
  }

  @Test
  void defaultsFillEverythingOptional() {
    AgentConfig config = new AgentVariables(env).config();

    assertThat(config.sessionId()).isEqualTo("browser-1");
    assertThat(config.browserId()).isEqualTo("browser-1");
    assertThat(config.sessionToken()).isEqualTo("tok");
    assertThat(config.bindHost()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(8443);
    assertThat(config.tls()).isNull();
    assertThat(config.publicUrl()).isNull();
    assertThat(config.callbackUrl()).isNull();
    assertThat(config.chromium()).isEqualTo(chromium);
    assertThat(config.forceNoSandbox()).isFalse();
    assertThat(config.browser()).isEqualTo(BrowserOptions.DEFAULT);
    assertThat(config.activityInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.workDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
  }

  @Test
  void aClientsProxyComesWithItsCredentialsAndABadOneIsRefusedWithoutThem() {
    env.put(AgentVariables.PROXY, "socks5://alice:p%40ss@proxy.example:1080");
    env.put(AgentVariables.PROXY_BYPASS, "*.internal.example\nlocalhost\n");

    BrowserProxy proxy = new AgentVariables(env).config().browser().proxy();

    assertThat(proxy).isEqualTo(new BrowserProxy("socks5", "proxy.example", 1080, "alice", "p@ss",
        List.of("*.internal.example", "localhost")));
    env.put(AgentVariables.PROXY, "ftp://alice:hunter2@proxy.example:21");
    assertThatThrownBy(() -> new AgentVariables(env).config()).hasMessageContaining(AgentVariables.PROXY)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void everyVariableIsRead() {
    env.put(AgentVariables.SESSION_ID, "session-1");
    env.put(AgentVariables.PORT, "9443");
    env.put(AgentVariables.BIND_ADDRESS, "127.0.0.1");
    env.put(AgentVariables.TLS_CERT, "/certs/cert.pem");
    env.put(AgentVariables.TLS_KEY, "/certs/key.pem");
    env.put(AgentVariables.PUBLIC_URL, "wss://203.0.113.7:9443");
    env.put(AgentVariables.CALLBACK_URL, "https://api.example.com/v1/agent/browser-1");
    env.put(AgentVariables.NO_SANDBOX, "true");
    env.put(AgentVariables.HEADLESS, "false");
    env.put(AgentVariables.WINDOW_SIZE, "1280,800");
    env.put(AgentVariables.USER_AGENT, "Bot/1.0");
    env.put(AgentVariables.BROWSER_ARGS, "--lang=de-DE\n--mute-audio\n");
    env.put(AgentVariables.ACTIVITY_INTERVAL, "15");
    env.put(AgentVariables.START_TIMEOUT, "90");
    env.put(AgentVariables.WORK_DIR, "/work");

    AgentConfig config = new AgentVariables(env).config();

    assertThat(config.sessionId()).isEqualTo("session-1");
    assertThat(config.port()).isEqualTo(9443);
    assertThat(config.bindHost()).isEqualTo("127.0.0.1");
    assertThat(config.tls()).isEqualTo(new AgentConfig.Tls(Path.of("/certs/cert.pem"), Path.of("/certs/key.pem")));
    assertThat(config.publicUrl()).isEqualTo(URI.create("wss://203.0.113.7:9443"));
    assertThat(config.callbackUrl()).isEqualTo(URI.create("https://api.example.com/v1/agent/browser-1"));
    assertThat(config.forceNoSandbox()).isTrue();
    assertThat(config.browser()).isEqualTo(new BrowserOptions(false, new Viewport(1280, 800),
        List.of("--lang=de-DE", "--mute-audio"), "Bot/1.0"));
    assertThat(config.activityInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.workDir()).isEqualTo(Path.of("/work"));
  }

  @Test
  void missingOrMalformedVariablesAreNamed() {
    assertRefused(AgentVariables.SESSION_TOKEN, null, AgentVariables.SESSION_TOKEN + " is not set");
    assertRefused(AgentVariables.BROWSER_ID, " ", AgentVariables.BROWSER_ID + " is not set");
    assertRefused(AgentVariables.PORT, "0", AgentVariables.PORT);
    assertRefused(AgentVariables.PORT, "https", AgentVariables.PORT);
    assertRefused(AgentVariables.TLS_CERT, "/cert.pem", "must be set together");
    assertRefused(AgentVariables.CALLBACK_URL, "ftp://example.com/", AgentVariables.CALLBACK_URL);
    assertRefused(AgentVariables.PUBLIC_URL, "wss:/no-host", AgentVariables.PUBLIC_URL);
    assertRefused(AgentVariables.HEADLESS, "yes", AgentVariables.HEADLESS);
    assertRefused(AgentVariables.WINDOW_SIZE, "1280x800", AgentVariables.WINDOW_SIZE);
    assertRefused(AgentVariables.WINDOW_SIZE, "50,800", AgentVariables.WINDOW_SIZE);
    assertRefused(AgentVariables.BROWSER_ARGS, "--remote-debugging-port=9222", "allow-list");
    assertRefused(AgentVariables.ACTIVITY_INTERVAL, "0", AgentVariables.ACTIVITY_INTERVAL);
  }

  @Test
  void acmeIsReadWithItsDefaultsAndRefusedBesideTlsFiles() {
    assertThat(new AgentVariables(env).acme()).isEmpty();
    env.put(AgentVariables.ACME_DIRECTORY, "https://acme.example/dir");

    AcmeSettings acme = new AgentVariables(env).acme().orElseThrow();

    assertThat(acme.directory()).hasToString("https://acme.example/dir");
    assertThat(acme.identifier()).isNull();
    assertThat(acme.ipLookup()).isEqualTo(AcmeSettings.DEFAULT_IP_LOOKUP);
    assertThat(acme.challengePort()).isEqualTo(80);
    assertThat(acme.profile()).isEqualTo(AcmeSettings.SHORT_LIVED);
    env.put(AgentVariables.ACME_DIRECTORY, "http://acme.example/dir");
    assertThatThrownBy(() -> new AgentVariables(env).acme()).hasMessageContaining(AgentVariables.ACME_DIRECTORY)
        .hasMessageContaining("https");
    env.put(AgentVariables.ACME_DIRECTORY, "https://acme.example/dir");
    env.put(AgentVariables.TLS_CERT, "/tls/cert.pem");
    assertThatThrownBy(() -> new AgentVariables(env).acme()).hasMessageContaining("exclude each other");
  }

  private void assertRefused(String name, String value, String message) {
    Map<String, String> changed = new HashMap<>(env);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    assertThatThrownBy(() -> new AgentVariables(changed).config())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
