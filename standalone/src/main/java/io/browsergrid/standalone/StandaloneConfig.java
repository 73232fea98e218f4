package io.browsergrid.standalone;

import io.browsergrid.Variables;
import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.standalone.http.EdgeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server's configuration: environment variables, overridden by matching flags ({@code --port 9090}).
 *
 * @param host            {@code BROWSERGRID_HOST}, default 127.0.0.1
 * @param port            {@code BROWSERGRID_PORT}, default 8080 (0 picks a free port)
 * @param dataDir         {@code BROWSERGRID_DATA_DIR}, default {@code .data}
 * @param apiKey          {@code BROWSERGRID_API_KEY}, the operator key; generated on first start when absent
 * @param chromePath      {@code BROWSERGRID_CHROME_PATH}; found automatically when absent
 * @param maxSessions     {@code BROWSERGRID_MAX_SESSIONS}, default from the machine's memory
 * @param publicUrl       {@code BROWSERGRID_PUBLIC_URL}, the base URL clients use, when not {@code http://host:port}
 * @param cleanupInterval {@code BROWSERGRID_CLEANUP_INTERVAL_MS}, default 15 s
 * @param startTimeout    {@code BROWSERGRID_START_TIMEOUT_SECONDS}, default 60
 * @param metricsNeedKey  {@code BROWSERGRID_METRICS_REQUIRE_KEY}, default false
 * @param secretKey       {@code BROWSERGRID_SECRET_KEY}, base64 of at least 32 bytes; generated into the data dir when
 *                        absent
 * @param webhookAllowPrivate {@code BROWSERGRID_WEBHOOK_ALLOW_PRIVATE}, default false: let webhooks reach loopback
 *                        and private addresses
 * @param defaultPoolMinIdle  {@code BROWSERGRID_DEFAULT_POOL_MIN_IDLE}: warm browsers of the {@code default} pool
 * @param browserCpuGroup {@code BROWSERGRID_BROWSER_CPU_GROUP}, {@code auto} (default: browsers run in an idle CPU
 *                        cgroup when the machine lets the server create one) or {@code off}
 * @param browserSandbox  {@code BROWSERGRID_BROWSER_SANDBOX}: {@code bubblewrap} (default: each browser in a sandbox
 *                        of its own; the server does not start where there can be none) or {@code off} (browsers
 *                        unconfined: tenants are not isolated, and the server says so at every start)
 * @param browserAllowPrivate {@code BROWSERGRID_BROWSER_ALLOW_PRIVATE}, default false: let pages reach loopback and
 *                        private addresses (tests, intranets); metadata addresses stay refused
 * @param admission       {@code BROWSERGRID_MAX_STARTING} (default: the machine's cores, at least 2) and
 *                        {@code BROWSERGRID_MAX_QUEUE_SECONDS} (default 30)
 * @param edge            {@code BROWSERGRID_HTTP_REQUEST_TIMEOUT_SECONDS} (default 60),
 *                        {@code BROWSERGRID_MAX_CONNECTIONS} (default 4096) and {@code BROWSERGRID_HTTP_BODY_BUDGET_MB} (default a quarter of the heap)
 */
public record StandaloneConfig(String host, int port, Path dataDir, Optional<String> apiKey,
    Optional<Path> chromePath, int maxSessions, Optional<String> publicUrl, Duration cleanupInterval,
    Duration startTimeout, boolean metricsNeedKey, Optional<byte[]> secretKey, boolean webhookAllowPrivate,
    OptionalInt defaultPoolMinIdle, boolean browserCpuGroup, boolean browserSandbox, boolean browserAllowPrivate,
    AdmissionSettings admission, EdgeLimits edge) {

  /** Per browser: one Chromium with a page is ~280 MiB; leave room for the rest. */
  private static final long BYTES_PER_BROWSER = 512L * 1024 * 1024;

  /** Reads the environment, then {@code args}; throws {@link IllegalArgumentException} naming a bad setting. */
  public static StandaloneConfig from(Map<String, String> env, String[] args) {
    Map<String, String> values = new HashMap<>(env);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + arg + "; flags are --host, --port, --data-dir, "
            + "--api-key, --chrome-path, --max-sessions, --public-url");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String variable = "BROWSERGRID_" + name.toUpperCase().replace('-', '_');
      if (variable.equals("BROWSERGRID_API_KEY") || variable.equals("BROWSERGRID_SECRET_KEY")) {
        System.err.println("browsergrid: WARNING: " + arg + " shows the secret to every user of this machine (ps); "
            + "set " + variable + " or " + variable + "_FILE instead");
      }
      values.put(variable, value);
    }
    for (String secret : List.of("BROWSERGRID_API_KEY", "BROWSERGRID_SECRET_KEY")) {
      fromFile(values, secret);
    }
    Variables vars = new Variables(values::get);
    return new StandaloneConfig(
        values.getOrDefault("BROWSERGRID_HOST", "127.0.0.1"),
        vars.integer("BROWSERGRID_PORT", 8080, 0, 65535),
        Path.of(values.getOrDefault("BROWSERGRID_DATA_DIR", ".data")).toAbsolutePath(),
        vars.optional("BROWSERGRID_API_KEY"),
        vars.optional("BROWSERGRID_CHROME_PATH").map(Path::of),
        vars.integer("BROWSERGRID_MAX_SESSIONS", defaultMaxSessions(), 1, 10_000),
        vars.optional("BROWSERGRID_PUBLIC_URL").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
        Duration.ofMillis(vars.integer("BROWSERGRID_CLEANUP_INTERVAL_MS", 15_000, 100, 3_600_000)),
        vars.startTimeout(),
        vars.bool("BROWSERGRID_METRICS_REQUIRE_KEY", false),
        vars.secretKey(),
        vars.bool("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", false),
        vars.defaultPoolMinIdle(),
        cpuGroup(values.getOrDefault("BROWSERGRID_BROWSER_CPU_GROUP", "auto")),
        sandbox(values.getOrDefault("BROWSERGRID_BROWSER_SANDBOX", "bubblewrap")),
        vars.bool("BROWSERGRID_BROWSER_ALLOW_PRIVATE", false),
        vars.admission(AdmissionSettings.defaultMaxStarting(Runtime.getRuntime().availableProcessors())),
        edge(vars));
  }

  private static EdgeLimits edge(Variables vars) {
    EdgeLimits defaults = EdgeLimits.defaults();
    return new EdgeLimits(
        Duration.ofSeconds(vars.integer("BROWSERGRID_HTTP_REQUEST_TIMEOUT_SECONDS",
            (int) defaults.requestTimeout().toSeconds(), 1, 3600)),
        vars.integer("BROWSERGRID_MAX_CONNECTIONS", defaults.maxConnections(), 16, 1_000_000),
        vars.integer("BROWSERGRID_HTTP_BODY_BUDGET_MB", (int) Math.max(1, defaults.bodyBytes() >> 20), 1, 65_536)
            * (1L << 20));
  }

  private static boolean cpuGroup(String value) {
    return switch (value) {
      case "auto" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("BROWSERGRID_BROWSER_CPU_GROUP must be auto or off, not " + value);
    };
  }

  /** {@code NAME_FILE} names a file holding {@code NAME}'s value (a mounted secret); {@code NAME} itself wins. */
  private static void fromFile(Map<String, String> values, String name) {
    String file = values.get(name + "_FILE");
    if (file == null || file.isBlank() || values.containsKey(name)) {
      return;
    }
    try {
      values.put(name, Files.readString(Path.of(file.trim())).trim());
    } catch (IOException e) {
      throw new IllegalArgumentException(name + "_FILE names " + file + ", which cannot be read: " + e.getMessage());
    }
  }

  private static boolean sandbox(String value) {
    return switch (value.trim()) {
      case "bubblewrap", "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException("BROWSERGRID_BROWSER_SANDBOX must be bubblewrap or off, not "
          + value);
    };
  }

  /** One browser per 512 MiB of memory, keeping 1 GiB for the rest; at least 1. */
  static int defaultMaxSessions() {
    long total = MachineMemory.totalBytes();
    return (int) Math.max(1, Math.min(10_000, (total - 1024L * 1024 * 1024) / BYTES_PER_BROWSER));
  }
}
