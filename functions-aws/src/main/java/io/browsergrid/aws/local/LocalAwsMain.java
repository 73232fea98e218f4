package io.browsergrid.aws.local;

import io.browsergrid.Variables;
import io.browsergrid.agent.BrowserCpuGroup;
import io.browsergrid.agent.BrowserSandboxes;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.CurrentUser;
import io.browsergrid.agent.egress.EgressProxy;
import io.browsergrid.agent.server.InProcessAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code scripts/run aws}: the AWS deployable on this machine ({@link LocalAwsDeployment}), configured by the
 * standalone server's variables: {@code BROWSERGRID_HOST} (default 127.0.0.1), {@code BROWSERGRID_PORT} (8080),
 * {@code BROWSERGRID_DATA_DIR} ({@code .data}; the table and the keys go to its {@code aws} folder),
 * {@code BROWSERGRID_API_KEY} (generated into the data dir on the first start when absent, as the Terraform module
 * generates one into SSM), {@code BROWSERGRID_WEBHOOK_ALLOW_PRIVATE}, {@code BROWSERGRID_BROWSER_ALLOW_PRIVATE},
 * {@code BROWSERGRID_CLEANUP_INTERVAL_MS} (60 s, the module's schedule) and every variable the functions read.
 * SIGTERM stops every browser and engine it started.
 */
public final class LocalAwsMain {
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalAwsMain() {}

  public static void main(String[] args) throws Exception {
    long began = System.nanoTime();
    Map<String, String> env = System.getenv();
    Variables variables = new Variables(env::get);
    String host = variables.optional("BROWSERGRID_HOST").orElse("127.0.0.1");
    int port = variables.integer("BROWSERGRID_PORT", 8080, 0, 65535);
    Path dataDir = Path.of(variables.optional("BROWSERGRID_DATA_DIR").orElse(".data")).toAbsolutePath()
        .resolve("aws");
    Files.createDirectories(dataDir);
    boolean browsersAllowPrivate = variables.bool("BROWSERGRID_BROWSER_ALLOW_PRIVATE", false);
    Duration cleanupEvery = Duration.ofMillis(variables.integer("BROWSERGRID_CLEANUP_INTERVAL_MS", 60_000, 1_000,
        3_600_000));

    Map<String, String> properties = new LinkedHashMap<>();
    // a public URL of the user's (a tunnel, say) replaces the listener's own
    variables.optional("BROWSERGRID_PUBLIC_URL").ifPresent(url -> properties.put("BROWSERGRID_PUBLIC_URL", url));
    Optional<String> generatedKey = Optional.empty();
    if (variables.optional("BROWSERGRID_API_KEY").isEmpty()) {
      Path keyFile = dataDir.resolve("operator-key");
      if (!Files.exists(keyFile)) {
        generatedKey = Optional.of("bg_" + random(30));
        writePrivate(keyFile, generatedKey.get());
      }
      properties.put("BROWSERGRID_API_KEY", Files.readString(keyFile).trim());
    }
    if (variables.optional("BROWSERGRID_SECRET_KEY").isEmpty()) {
      Path secretFile = dataDir.resolve("secret.key");
      if (!Files.exists(secretFile)) {
        writePrivate(secretFile, Base64.getEncoder().encodeToString(bytes(48)));
      }
      properties.put("BROWSERGRID_SECRET_KEY", Files.readString(secretFile).trim());
    }
    Map<String, String> agentEnv = new LinkedHashMap<>();
    Optional.ofNullable(env.get(ChromiumLocator.ENV)).ifPresent(path -> agentEnv.put(ChromiumLocator.ENV, path));
    EgressProxy egress = new EgressProxy(EgressProxy.guard(browsersAllowPrivate));
    Optional<BrowserCpuGroup> cpuGroup = BrowserCpuGroup.findOr(why -> { });
    Path browsersDir = Files.createTempDirectory("browsergrid-aws-browsers");

    LocalAwsDeployment deployment = LocalAwsDeployment.start(new LocalAwsDeployment.Options(host, port, dataDir,
        properties, callback -> new InProcessAgents(callback, browsersDir, agentEnv, config -> new ChromiumLauncher(
            config.chromium(), BrowserSandboxes.choose(false, config.chromium(), CurrentUser.read()), egress,
            cpuGroup)), true, cleanupEvery, 4));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      deployment.close();
      egress.close();
      stopped.countDown();
    }, "local-aws-shutdown"));
    System.out.printf("BrowserGrid, AWS deployable (local): %s in %d ms (DynamoDB Local, ElasticMQ, agents)%n",
        deployment.apiUrl(), (System.nanoTime() - began) / 1_000_000);
    generatedKey.ifPresentOrElse(key -> System.out.println("""
        No BROWSERGRID_API_KEY was set, so an operator key was generated and kept in %s:
          %s""".formatted(dataDir.resolve("operator-key"), key)),
        () -> { });
    stopped.await();
  }

  private static String random(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
  }

  private static byte[] bytes(int count) {
    byte[] value = new byte[count];
    RANDOM.nextBytes(value);
    return value;
  }

  private static void writePrivate(Path file, String value) throws IOException {
    Files.writeString(file, value + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
