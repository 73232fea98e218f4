package io.browsergrid.agent.server;

import io.browsergrid.Variables;
import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.acme.AcmeSettings;
import io.browsergrid.browser.AgentEnvironment;
import io.browsergrid.browser.BrowserArgs;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProxy;
import io.browsergrid.browser.Viewport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an {@link AgentConfig} from environment variables: what the control plane puts into each browser container
 * (declared once, in {@link AgentEnvironment}) and what the image sets.
 *
 * <p>Required: {@value #BROWSER_ID} and {@value #SESSION_TOKEN}. Optional: {@value #SESSION_ID} (default: the
 * browser id), {@value #PORT} (default 8443), {@value #BIND_ADDRESS} (default {@code 0.0.0.0}), {@value #TLS_CERT}
 * and {@value #TLS_KEY} (PEM paths, both or neither; plain {@code ws} without), {@value #PUBLIC_URL},
 * {@value #CALLBACK_URL}, {@value ChromiumLocator#ENV} (default: found by {@link ChromiumLocator}),
 * {@value #NO_SANDBOX} (default false), {@value #HEADLESS} (default true), {@value #WINDOW_SIZE}
 * ({@code width,height}), {@value #USER_AGENT}, {@value #BROWSER_ARGS} (allow-listed switches, one per line),
 * {@value #ACTIVITY_INTERVAL} (default 60), {@value #START_TIMEOUT} (default 60) and {@value #WORK_DIR} (default
 * {@code java.io.tmpdir}).
 */
public final class AgentVariables {
  public static final String BROWSER_ID = AgentEnvironment.BROWSER_ID;
  public static final String SESSION_ID = "BROWSERGRID_SESSION_ID";
  public static final String SESSION_TOKEN = AgentEnvironment.SESSION_TOKEN;
  public static final String PORT = "BROWSERGRID_AGENT_PORT";
  public static final String BIND_ADDRESS = "BROWSERGRID_AGENT_BIND_ADDRESS";
  public static final String TLS_CERT = "BROWSERGRID_TLS_CERT";
  public static final String TLS_KEY = "BROWSERGRID_TLS_KEY";
  public static final String PUBLIC_URL = "BROWSERGRID_AGENT_PUBLIC_URL";
  public static final String CALLBACK_URL = AgentEnvironment.CALLBACK_URL;
  public static final String NO_SANDBOX = "BROWSERGRID_NO_SANDBOX";
  public static final String HEADLESS = AgentEnvironment.HEADLESS;
  public static final String WINDOW_SIZE = AgentEnvironment.WINDOW_SIZE;
  public static final String USER_AGENT = AgentEnvironment.USER_AGENT;
  public static final String BROWSER_ARGS = AgentEnvironment.BROWSER_ARGS;
  /** The client's upstream proxy URL, credentials included (a secret, as the session token is). */
  public static final String PROXY = AgentEnvironment.PROXY;
  /** Hosts reached without that proxy, one per line. */
  public static final String PROXY_BYPASS = AgentEnvironment.PROXY_BYPASS;
  public static final String ACTIVITY_INTERVAL = "BROWSERGRID_ACTIVITY_INTERVAL_SECONDS";
  public static final String START_TIMEOUT = "BROWSERGRID_START_TIMEOUT_SECONDS";
  public static final String WORK_DIR = "BROWSERGRID_WORK_DIR";
  public static final String ACME_DIRECTORY = "BROWSERGRID_ACME_DIRECTORY";
  public static final String ACME_IDENTIFIER = "BROWSERGRID_ACME_IDENTIFIER";
  public static final String ACME_IP_LOOKUP = "BROWSERGRID_ACME_IP_LOOKUP";
  public static final String ACME_HTTP_PORT = "BROWSERGRID_ACME_HTTP_PORT";
  public static final String ACME_CA_CERT = "BROWSERGRID_ACME_CA_CERT";
  public static final String ACME_PROFILE = "BROWSERGRID_ACME_PROFILE";

  private static final int MIN_VIEWPORT = 100;
  private static final int MAX_VIEWPORT = 7680;

  private final Map<String, String> env;
  private final Variables variables;

  /** @param env usually {@code System.getenv()} */
  public AgentVariables(Map<String, String> env) {
    this.env = env;
    this.variables = new Variables(env::get);
  }

  /**
   * The configuration the variables describe.
   *
   * @throws IllegalArgumentException naming the first missing or malformed variable
   * @throws IllegalStateException    when no Chromium is configured or found
   */
  public AgentConfig config() {
    String browserId = required(BROWSER_ID);
    String tlsCert = optional(TLS_CERT);
    String tlsKey = optional(TLS_KEY);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException(TLS_CERT + " and " + TLS_KEY + " must be set together");
    }
    return new AgentConfig(
        orDefault(SESSION_ID, browserId),
        browserId,
        required(SESSION_TOKEN),
        orDefault(BIND_ADDRESS, "0.0.0.0"),
        integer(PORT, 8443, 1, 65535),
        tlsCert == null ? null : new AgentConfig.Tls(Path.of(tlsCert), Path.of(tlsKey)),
        url(PUBLIC_URL, List.of("ws", "wss", "http", "https")),
        url(CALLBACK_URL, List.of("http", "https")),
        new ChromiumLocator(env).locate(),
        bool(NO_SANDBOX, false),
        new BrowserOptions(bool(HEADLESS, true), viewport(), browserArgs(), optional(USER_AGENT), proxy()),
        Duration.ofSeconds(integer(ACTIVITY_INTERVAL, 60, 1, 86_400)),
        Duration.ofSeconds(integer(START_TIMEOUT, 60, 1, 3_600)),
        Path.of(orDefault(WORK_DIR, System.getProperty("java.io.tmpdir"))));
  }

  /**
   * How to obtain the agent's certificate by ACME: {@value #ACME_DIRECTORY} (unset: no ACME), {@value
   * #ACME_IDENTIFIER} (default: the public IP {@value #ACME_IP_LOOKUP} answers, by default
   * {@code https://checkip.amazonaws.com}), {@value #ACME_HTTP_PORT} (default 80), {@value #ACME_CA_CERT} (a PEM
   * file to trust for the ACME server's HTTPS) and {@value #ACME_PROFILE} (default {@code shortlived}).
   *
   * @throws IllegalArgumentException naming a malformed variable, or when TLS files are given too
   */
  public Optional<AcmeSettings> acme() {
    String directory = optional(ACME_DIRECTORY);
    if (directory == null) {
      return Optional.empty();
    }
    if (optional(TLS_CERT) != null) {
      throw new IllegalArgumentException(ACME_DIRECTORY + " and " + TLS_CERT + " exclude each other");
    }
    String ca = optional(ACME_CA_CERT);
    try {
      return Optional.of(new AcmeSettings(URI.create(directory), optional(ACME_IDENTIFIER),
          URI.create(orDefault(ACME_IP_LOOKUP, AcmeSettings.DEFAULT_IP_LOOKUP.toString())),
          integer(ACME_HTTP_PORT, 80, 1, 65535), ca == null ? null : Path.of(ca),
          orDefault(ACME_PROFILE, AcmeSettings.SHORT_LIVED)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ACME_DIRECTORY + ": " + e.getMessage());
    }
  }

  private BrowserProxy proxy() {
    String server = optional(PROXY);
    if (server == null) {
      return null;
    }
    String bypass = optional(PROXY_BYPASS);
    try {
      return BrowserProxy.parse(server, bypass == null ? List.of() : bypass.lines().map(String::trim)
          .filter(line -> !line.isEmpty()).toList());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PROXY + " " + e.getMessage());
    }
  }

  private Viewport viewport() {
    String size = optional(WINDOW_SIZE);
    if (size == null) {
      return null;
    }
    String[] parts = size.split(",");
    try {
      if (parts.length == 2) {
        int width = Integer.parseInt(parts[0].trim());
        int height = Integer.parseInt(parts[1].trim());
        if (inViewportRange(width) && inViewportRange(height)) {
          return new Viewport(width, height);
        }
      }
    } catch (NumberFormatException malformed) {
      // reported below with the expected shape
    }
    throw new IllegalArgumentException(WINDOW_SIZE + " must be width,height, each " + MIN_VIEWPORT + ".."
        + MAX_VIEWPORT + ": " + size);
  }

  private static boolean inViewportRange(int side) {
    return side >= MIN_VIEWPORT && side <= MAX_VIEWPORT;
  }

  private List<String> browserArgs() {
    String lines = optional(BROWSER_ARGS);
    if (lines == null) {
      return List.of();
    }
    List<String> args = Arrays.stream(lines.split("\n")).map(String::strip).filter(arg -> !arg.isEmpty()).toList();
    if (args.size() > BrowserArgs.MAX_ARGS) {
      throw new IllegalArgumentException(BROWSER_ARGS + " holds more than " + BrowserArgs.MAX_ARGS + " switches");
    }
    for (String arg : args) {
      BrowserArgs.refusal(arg).ifPresent(why -> {
        throw new IllegalArgumentException(BROWSER_ARGS + ": " + arg + " " + why);
      });
    }
    return args;
  }

  private URI url(String name, List<String> schemes) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!schemes.contains(scheme) || uri.getRawAuthority() == null) {
        throw new IllegalArgumentException(name + " must be an absolute " + String.join("/", schemes) + " URL: "
            + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is no URL: " + value, e);
    }
  }

  private String required(String name) {
    return variables.required(name);
  }

  private String orDefault(String name, String fallback) {
    return variables.optional(name).orElse(fallback);
  }

  private String optional(String name) {
    return variables.optional(name).orElse(null);
  }

  private boolean bool(String name, boolean fallback) {
    return variables.bool(name, fallback);
  }

  private int integer(String name, int fallback, int min, int max) {
    return variables.integer(name, fallback, min, max);
  }
}
