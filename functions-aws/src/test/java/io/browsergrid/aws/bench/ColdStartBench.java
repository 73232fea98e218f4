package io.browsergrid.aws.bench;

import io.browsergrid.aws.local.LocalAwsEngines;
import io.browsergrid.secret.ssm.FakeSsm;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS cold-start and warm-GET benchmark (run by {@code functions-aws/bench/run}; a benchmark, not a test). This
 * launcher JVM starts DynamoDB Local and ElasticMQ as the Lambda ITs do, creates the table and the queue, then spawns
 * fresh JVMs on the Lambda jar, each answering one API Gateway v2 {@code GET /health} event through {@link InvokeOnce},
 * and times each from process spawn to the answer read on its stdout: a plain {@link FloorHandler}, and SCF's
 * {@code FunctionInvoker} with {@code io.browsergrid.aws.AwsApplication} by default, with
 * {@code -XX:TieredStopAtLevel=1}, with a dynamic AppCDS archive, and with both; with {@code bench.java25} (a JDK 25
 * {@code java}), also the floor and SCF with an AOT cache from a training run on that JDK. Rounds interleave the
 * variants; the median of each is printed next to its ratio to the floor on the same JDK. Then one warm {@code FunctionInvoker} ({@link WarmGets})
 * answers {@code GET /v1/sessions/{id}} against DynamoDB Local.
 *
 * <p>Arguments: the Lambda jar, the jar of these bench classes, a work directory. Properties: {@code bench.runs}
 * (5), {@code bench.warmup} (200), {@code bench.calls} (1000).
 */
public final class ColdStartBench {
  private static final String API_KEY = "bg_bench-operator-key";
  private static final String INVOKER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker";

  private final String classPath;
  private final Path work;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Path event;
  private final Path log;

  private ColdStartBench(String classPath, Path work, Path event) {
    this.classPath = classPath;
    this.work = work;
    this.event = event;
    this.log = work.resolve("children.log");
  }

  public static void main(String[] args) throws Exception {
    Path lambdaJar = Path.of(args[0]).toAbsolutePath();
    Path benchJar = Path.of(args[1]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
    int runs = Integer.getInteger("bench.runs", 5);
    int warmup = Integer.getInteger("bench.warmup", 200);
    int calls = Integer.getInteger("bench.calls", 1000);
    Path event = work.resolve("health-event.json");
    Files.writeString(event, "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/health\","
        + "\"rawQueryString\":\"\",\"headers\":{\"accept\":\"application/json\",\"user-agent\":\"browsergrid-bench\","
        + "\"x-forwarded-proto\":\"https\"},\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"bench\","
        + "\"http\":{\"method\":\"GET\",\"path\":\"/health\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"192.0.2.1\","
        + "\"userAgent\":\"browsergrid-bench\"},\"requestId\":\"bench\",\"routeKey\":\"$default\",\"stage\":\"$default\","
        + "\"timeEpoch\":1710270238390},\"isBase64Encoded\":false}");
    List<AutoCloseable> engines = new ArrayList<>();
    try {
      ColdStartBench bench = new ColdStartBench(lambdaJar + File.pathSeparator + benchJar, work, event);
      Files.deleteIfExists(bench.log);
      bench.startEngines(engines);
      bench.run(runs, warmup, calls);
    } finally {
      for (int i = engines.size() - 1; i >= 0; i--) {
        try {
          engines.get(i).close();
        } catch (Exception e) {
          System.err.println("stopping an engine failed: " + e);
        }
      }
    }
    System.exit(0);
  }

  private void startEngines(List<AutoCloseable> engines) throws Exception {
    long started = System.nanoTime();
    LocalAwsEngines aws = LocalAwsEngines.start();
    engines.add(aws);
    System.err.printf("DynamoDB Local %s and ElasticMQ %s started in %d ms%n", aws.dynamoEndpoint(),
        aws.sqsEndpoint(), (System.nanoTime() - started) / 1_000_000);

    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoEndpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", aws.sqsEndpoint().toString());
    env.put("MAIN_CLASS", "io.browsergrid.aws.AwsApplication");
    env.put("spring_cloud_function_definition", "api");
    env.put("BROWSERGRID_TABLE", LocalAwsEngines.TABLE);
    env.put("BROWSERGRID_QUEUE_URL", aws.queueUrl());
    env.put("BROWSERGRID_PUBLIC_URL", "https://bench.example.com");
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    if (Boolean.parseBoolean(System.getProperty("bench.secrets", "true"))) {
      // as the Terraform module deploys: both keys in SSM parameters, read in one call at init
      FakeSsm ssm = new FakeSsm().put("/browsergrid/operator-key", API_KEY)
          .put("/browsergrid/secret-key", Base64.getEncoder().encodeToString(secret));
      engines.add(ssm);
      env.put("AWS_ENDPOINT_URL_SSM", ssm.endpoint().toString());
      env.put("BROWSERGRID_API_KEY_FROM", "/browsergrid/operator-key");
      env.put("BROWSERGRID_SECRET_KEY_FROM", "/browsergrid/secret-key");
      System.err.println("the keys come from SSM parameters at init (bench.secrets=false: from the environment)");
    } else {
      env.put("BROWSERGRID_API_KEY", API_KEY);
      env.put("BROWSERGRID_SECRET_KEY", Base64.getEncoder().encodeToString(secret));
    }
    env.put("BROWSERGRID_PROVIDER", "none");
  }

  private void run(int runs, int warmup, int calls) throws Exception {
    Path archive = work.resolve("scf-api.jsa");
    Path floorArchive = work.resolve("floor.jsa");
    Path aotCache = work.resolve("scf-api.aot");
    Files.deleteIfExists(archive);
    Files.deleteIfExists(floorArchive);
    Files.deleteIfExists(aotCache);
    String java = java();
    String floor = FloorHandler.class.getName();

    // not measured: warms the page cache, checks both handlers answer, and writes the AppCDS archives
    long floorFirst = coldStart(java, floor, List.of());
    long scfFirst = coldStart(java, INVOKER, List.of());
    long dump = coldStart(java, INVOKER, List.of("-XX:ArchiveClassesAtExit=" + archive));
    coldStart(java, floor, List.of("-XX:ArchiveClassesAtExit=" + floorArchive));
    System.err.printf("first runs (not counted): floor %d ms, SCF %d ms, SCF writing the AppCDS archive %d ms (%d MB)%n",
        floorFirst, scfFirst, dump, Files.size(archive) >> 20);

    List<Variant> variants = new ArrayList<>(List.of(
        new Variant("floor: plain RequestStreamHandler + Jackson", java, floor, List.of(), 0),
        new Variant("SCF FunctionInvoker, default flags", java, INVOKER, List.of(), 0),
        new Variant("SCF + `-XX:TieredStopAtLevel=1`", java, INVOKER, List.of("-XX:TieredStopAtLevel=1"), 0),
        new Variant("SCF + AppCDS (dynamic archive)", java, INVOKER, List.of("-XX:SharedArchiveFile=" + archive), 0),
        new Variant("SCF + C1 + AppCDS", java, INVOKER,
            List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + archive), 0),
        new Variant("(for reference) floor + C1 + AppCDS", java, floor,
            List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + floorArchive), 0)));
    String java25 = System.getProperty("bench.java25", "");
    if (!java25.isBlank()) {
      // JDK 25's AOT cache (JEPs 483, 514, 515) keeps classes loaded and linked, and method profiles, from a training run
      List<String> aot = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
      List<String> train = new ArrayList<>(aot);
      train.add("-XX:AOTCacheOutput=" + aotCache);
      long trained = coldStart(java25, INVOKER, train);
      System.err.printf("JDK 25 training run (not counted): %d ms, AOT cache %d MB%n", trained,
          Files.size(aotCache) >> 20);
      int floor25 = variants.size();
      variants.add(new Variant("floor on JDK 25, default flags", java25, floor, List.of(), floor25));
      List<String> withCache = new ArrayList<>(aot);
      withCache.add("-XX:AOTCache=" + aotCache);
      variants.add(new Variant("SCF on JDK 25 + AOT cache + C1 + SerialGC", java25, INVOKER, withCache, floor25));
    }
    long[][] ms = new long[variants.size()][runs];
    for (int r = 0; r < runs; r++) {
      StringBuilder round = new StringBuilder();
      for (int v = 0; v < variants.size(); v++) {
        Variant variant = variants.get(v);
        ms[v][r] = coldStart(variant.java(), variant.handler(), variant.flags());
        round.append(' ').append(ms[v][r]);
      }
      System.err.printf("round %d:%s ms%n", r + 1, round);
    }
    String[] warm = warmGets(warmup, calls);

    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT,
        "%n| cold start, spawn to answer (median of %d) | ms | runs (ms) | vs its JDK's floor |%n", runs));
    table.append("| --- | ---: | --- | ---: |\n");
    for (int i = 0; i < variants.size(); i++) {
      long median = median(ms[i]);
      long base = median(ms[variants.get(i).floorIndex()]);
      table.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", variants.get(i).name(), median,
          Arrays.toString(ms[i]).replaceAll("[\\[\\]]", ""),
          i == variants.get(i).floorIndex() ? "1.00×" : String.format(Locale.ROOT, "%.2f×%s", (double) median / base,
              median <= 2 * base ? " (≤ 2×)" : " (> 2×)")));
    }
    table.append(String.format(Locale.ROOT,
        "%n| warm `GET /v1/sessions/{id}`, one warm FunctionInvoker, DynamoDB Local (%d after %d warm-up) | µs |%n",
        calls, warmup));
    table.append("| --- | ---: |\n");
    table.append("| p50 | ").append(warm[0]).append(" |\n");
    table.append("| p99 | ").append(warm[1]).append(" |\n");
    table.append(String.format(Locale.ROOT, "%nsession created with `wait:false` answered %s, GET status `%s`; "
        + "%d cores, %s %s%n", warm[2], warm[3], Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version")));
    System.out.print(table);
  }

  /** Spawns {@link InvokeOnce} on {@code handler}; the milliseconds from spawn to its answer line on stdout. */
  private long coldStart(String java, String handler, List<String> flags) throws Exception {
    List<String> command = new ArrayList<>(List.of(java, "-cp", classPath));
    command.addAll(flags);
    command.addAll(List.of(InvokeOnce.class.getName(), handler, event.toString()));
    long start = System.nanoTime();
    Process process = start(command);
    String answer = awaitLine(process, InvokeOnce.MARKER);
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    finish(process, command);
    if (answer == null || !answer.contains("\"statusCode\":200")) {
      throw new IllegalStateException("no 200 from " + command + ": " + answer + " (see " + log + ")");
    }
    return elapsed;
  }

  private String[] warmGets(int warmup, int calls) throws Exception {
    List<String> command = List.of(java(), "-cp", classPath, WarmGets.class.getName(), event.toString(), API_KEY,
        Integer.toString(warmup), Integer.toString(calls));
    Process process = start(command);
    String line = awaitLine(process, WarmGets.MARKER);
    finish(process, command);
    if (line == null) {
      throw new IllegalStateException("no answer from " + command + " (see " + log + ")");
    }
    return line.split(" ");
  }

  private Process start(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Reads stdout until a line with {@code marker}; returns what follows it, or null at the end of the stream. */
  private String awaitLine(Process process, String marker) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      int at = line.indexOf(marker);
      if (at >= 0) {
        return line.substring(at + marker.length());
      }
      Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    return null;
  }

  private static void finish(Process process, List<String> command) throws Exception {
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("did not exit: " + command);
    }
  }

  /** One way of starting the function: which JVM, which handler, which flags, and the floor it is compared with. */
  private record Variant(String name, String java, String handler, List<String> flags, int floorIndex) {}

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

}
