package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.agent.egress.EgressProxy;
import io.browsergrid.browser.BrowserOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumLauncherIT {
  private static final long WAIT_SECONDS = 30;

  @TempDir
  static Path tmp;

  private final ProcessTable table = new ProcessTable();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ChromiumProcess> started = new CopyOnWriteArrayList<>();
  private ChromiumLauncher launcher;

  @BeforeAll
  void createLauncher() {
    launcher = TestLaunchers.sandboxed();
  }

  @AfterAll
  void stopEverything() {
    started.forEach(ChromiumProcess::kill);
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void readyMeansAnsweringCdpAndKillLeavesNothing() throws Exception {
    long t0 = System.nanoTime();
    ChromiumProcess chromium = launch("ready", launcher);
    ChromiumProcess.Ready ready = chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    System.out.printf("launch -> ready: %d ms (%s)%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        ready.product());

    // no DevTools port on the host: only the sandbox's Unix socket leads to it
    assertThat(ready.cdpEndpoint()).startsWith("ws+unix:" + tmp.resolve("ready/run/cdp.sock"))
        .contains(":/devtools/browser/");
    assertThat(ready.product()).contains("Chrome/");
    assertThat(new CdpVersionProbe(Duration.ofSeconds(WAIT_SECONDS)).product(CdpEndpoint.parse(ready.cdpEndpoint()))
        .get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ready.product());
    assertThat(table.entry(chromium.pid())).hasValueSatisfying(e -> assertThat(e.pgid()).isEqualTo(chromium.pid()));
    Set<Long> tree = tree(chromium.pid());
    assertThat(tree).hasSizeGreaterThan(1);
    assertThat(Files.isDirectory(tmp.resolve("ready/home/profile"))).isTrue();

    chromium.kill();

    assertThat(tree).noneMatch(this::running);
    assertThat(tree(chromium.pid())).noneMatch(this::running);
    assertThat(chromium.isAlive()).isFalse();
    assertThat(tmp.resolve("ready")).doesNotExist();
  }

  @Test
  void aDeepProfileFolderGetsAShortRunFolderThatKillRemoves() throws Exception {
    String deep = "deep/" + "d".repeat(60) + "/browser-with-a-long-id";
    ChromiumProcess chromium = launch(deep, launcher);
    ChromiumProcess.Ready ready = chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    Path run = CdpEndpoint.parse(ready.cdpEndpoint()).socket().getParent();
    assertThat(run.toString()).startsWith("/tmp/bg-");
    assertThat(run).isDirectory();

    chromium.kill();

    assertThat(run).doesNotExist();
    assertThat(tmp.resolve(deep)).doesNotExist();
  }

  @Test
  void eachBrowserRunsAsAUidOfItsOwnInNamespacesOfItsOwnWithNothingOfTheServersEnvironment() throws Exception {
    ChromiumProcess a = launch("ns-a", launcher);
    ChromiumProcess b = launch("ns-b", launcher);
    a.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    b.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    long chromiumA = chromiumMain(a.pid());
    long chromiumB = chromiumMain(b.pid());

    for (String ns : List.of("mnt", "pid", "net")) {
      String host = Files.readSymbolicLink(Path.of("/proc/self/ns", ns)).toString();
      assertThat(namespace(chromiumA, ns)).as(ns).isNotEqualTo(host).isNotEqualTo(namespace(chromiumB, ns));
    }
    if (CurrentUser.read().isRoot()) {
      assertThat(uid(chromiumA)).isNotZero().isNotEqualTo(uid(chromiumB));
    }
    Map<String, String> env = environment(chromiumA);
    assertThat(env).containsEntry("HOME", "/home/browser").doesNotContainKeys("JAVA_HOME", "MAVEN_OPTS")
        .allSatisfy((k, v) -> assertThat(k).doesNotStartWith("BROWSERGRID_"));
    assertThat(Files.readString(Path.of("/proc", Long.toString(chromiumA), "cmdline")))
        .doesNotContain("--no-sandbox").doesNotContain(tmp.toString());
    a.kill();
    b.kill();
  }

  @Test
  void anUnconfinedBrowserStillSendsItsPagesThroughTheEgress() throws Exception {
    com.sun.net.httpserver.HttpServer site =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    site.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    site.start();
    try (EgressProxy strict = new EgressProxy(EgressProxy.guard(false))) {
      ChromiumLauncher unconfined = new ChromiumLauncher(TestLaunchers.chromium(),
          new UnconfinedBrowserSandbox(CurrentUser.read().isRoot()), strict);
      ChromiumProcess chromium = launch("unconfined", unconfined);
      ChromiumProcess.Ready ready = chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
      try (CdpTestClient cdp = CdpTestClient.connect(http, URI.create(ready.cdpEndpoint()))) {
        String target = cdp.call("Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId").asText();
        String page = cdp.call("Target.attachToTarget", "{\"targetId\":\"" + target + "\",\"flatten\":true}")
            .get("sessionId").asText();
        for (String url : List.of("http://127.0.0.1:" + site.getAddress().getPort() + "/",
            "http://169.254.169.254/latest/meta-data/")) {
          assertThat(cdp.call("Page.navigate", "{\"url\":\"" + url + "\"}", page).path("errorText").asText())
              .as(url).isNotEmpty();
        }
      }
      assertThat(requests).hasValue(0);
      assertThat(strict.counters().refusedTotal()).isPositive();
      chromium.kill();
    } finally {
      site.stop(0);
    }
  }

  @Test
  void anExternalKillFiresOnExitAndKillStillCleansUp() throws Exception {
    ChromiumProcess chromium = launch("crash", launcher);
    chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    Set<Long> tree = tree(chromium.pid());
    CompletableFuture<Void> exited = new CompletableFuture<>();
    chromium.onExit(() -> exited.complete(null));

    ProcessHandle.of(chromium.pid()).orElseThrow().destroyForcibly();

    exited.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(chromium.isAlive()).isFalse();
    assertThat(chromium.exitCode()).isPresent();
    chromium.kill();
    assertThat(tree).noneMatch(this::running);
    assertThat(tmp.resolve("crash")).doesNotExist();
  }

  @Test
  void anExitBeforeReadyFailsTheFutureWithStderr() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path fake = bin.resolve("fake-chromium");
    Files.writeString(fake, "#!/bin/sh\necho \"unknown switch $1\" >&2\nexit 3\n");
    // the browser's own uid runs it in the sandbox
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    ChromiumProcess chromium = launch("exits", TestLaunchers.sandboxed(fake, Optional.empty()));

    assertThatThrownBy(() -> chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ChromiumStartException.class)
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("unknown switch --headless");
    chromium.kill();
    assertThat(tmp.resolve("exits")).doesNotExist();
  }

  @Test
  void inTheIdleCpuGroupEveryProcessOfTheBrowserRunsInTheGroupAndStillAtSchedIdle() throws Exception {
    BrowserCpuGroup group;
    try {
      group = BrowserCpuGroup.find();
    } catch (IOException e) {
      Assumptions.abort("this machine offers no writable CPU cgroup (needs root or a delegated cgroup v2 subtree): "
          + e.getMessage());
      return;
    }
    ChromiumLauncher grouped = TestLaunchers.sandboxed(TestLaunchers.chromium(), Optional.of(group));
    ChromiumProcess chromium = launch("grouped", grouped);
    chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);

    Set<Long> before = tree(chromium.pid());
    List<String> members = Files.readAllLines(group.dir().resolve("cgroup.procs"));
    // a forwarder's child for a connection may come and go meanwhile: look at the processes there throughout
    Set<Long> tree = tree(chromium.pid());
    tree.retainAll(before);
    // and not one on its way out (its command line already gone)
    tree.removeIf(pid -> !running(pid) || table.commandLine(pid).isEmpty());
    assertThat(tree).hasSizeGreaterThan(1);
    assertThat(tree).allSatisfy(pid -> assertThat(members).as(describe(pid)).contains(Long.toString(pid)));
    // field 41 of /proc/pid/stat is the scheduling policy; 5 is SCHED_IDLE
    assertThat(tree).allSatisfy(pid -> assertThat(schedulingPolicy(pid)).isIn(5, GONE));
    chromium.kill();
    assertThat(tree).noneMatch(this::running);
  }

  @Test
  void aCpuGroupThatCannotBeJoinedStillStartsTheBrowser(@TempDir Path fake) throws Exception {
    Path mount = Files.createDirectories(fake.resolve("sys/fs/cgroup/cpu"));
    Path groupDir = Files.createDirectories(mount.resolve(BrowserCpuGroup.NAME));
    Files.writeString(groupDir.resolve("cpu.idle"), "0");
    Files.writeString(groupDir.resolve("cgroup.procs"), "");
    Path cgroup = Files.writeString(fake.resolve("cgroup"), "1:cpu:/\n0::/\n");
    Path mountInfo = Files.writeString(fake.resolve("mountinfo"),
        "33 25 0:29 / /sys/fs/cgroup/cpu rw,relatime shared:12 - cgroup cgroup rw,cpu\n");
    BrowserCpuGroup group = BrowserCpuGroup.find(cgroup, mountInfo, fake);
    Files.delete(groupDir.resolve("cpu.idle"));
    Files.delete(groupDir.resolve("cgroup.procs"));
    Files.delete(groupDir);
    ChromiumLauncher grouped = TestLaunchers.sandboxed(TestLaunchers.chromium(), Optional.of(group));

    ChromiumProcess chromium = launch("ungrouped", grouped);

    assertThat(chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS).product()).contains("Chrome/");
    chromium.kill();
    assertThat(tmp.resolve("ungrouped")).doesNotExist();
  }

  @Test
  void aMissingExecutableIsRefusedUpFront() {
    assertThatThrownBy(() -> new ChromiumLauncher(tmp.resolve("no-such-chromium"),
        TestLaunchers.sandbox(TestLaunchers.chromium()), TestLaunchers.egress()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-chromium");
  }

  @Test
  void killBeforeReadyFailsTheFutureAndLeavesNothing() throws Exception {
    ChromiumProcess chromium = launch("early", launcher);

    chromium.kill();

    assertThatThrownBy(() -> chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ChromiumStartException.class);
    assertThat(tree(chromium.pid())).noneMatch(this::running);
    assertThat(tmp.resolve("early")).doesNotExist();
  }

  @Test
  void killFromManyThreadsAtOnceIsSafe() throws Exception {
    ChromiumProcess chromium = launch("racy", launcher);
    chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    Set<Long> tree = tree(chromium.pid());

    Thread[] threads = Stream.generate(() -> new Thread(chromium::kill)).limit(4).toArray(Thread[]::new);
    Stream.of(threads).forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(tree).noneMatch(this::running);
    assertThat(tmp.resolve("racy")).doesNotExist();
  }

  @Test
  void leftoverChromiumKillsOnlyBrowsersUnderTheFolderAndTheirOutsideTempFolders() throws Exception {
    ChromiumProcess doomed = launch("left/" + "o".repeat(70), launcher);
    ChromiumProcess kept = launch("kept", launcher);
    doomed.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    kept.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    Path doomedTmp = CdpEndpoint.parse(doomed.ready().get().cdpEndpoint()).socket().getParent();
    assertThat(doomedTmp.toString()).startsWith("/tmp/bg-");
    CompletableFuture<Void> exited = new CompletableFuture<>();
    doomed.onExit(() -> exited.complete(null));

    assertThat(new LeftoverChromium().killUnder(tmp.resolve("left"))).isPositive();

    exited.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(tree(doomed.pid())).noneMatch(this::running);
    assertThat(doomedTmp).doesNotExist();
    assertThat(kept.isAlive()).isTrue();
    doomed.kill();
    kept.kill();
  }

  private ChromiumProcess launch(String id, ChromiumLauncher with) throws Exception {
    ChromiumProcess chromium = with.launch(id, BrowserOptions.DEFAULT, tmp.resolve(id));
    started.add(chromium);
    return chromium;
  }

  /** The process, its descendants, and the members of the group it leads. */
  private Set<Long> tree(long pid) {
    Set<Long> pids = ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .map(ProcessHandle::pid).collect(Collectors.toSet());
    table.entries().stream().filter(e -> e.pgid() == pid).forEach(e -> pids.add(e.pid()));
    return pids;
  }

  /** The main Chromium process (not a helper) in the sandbox {@code sandboxPid} started. */
  private long chromiumMain(long sandboxPid) {
    return tree(sandboxPid).stream().filter(pid -> {
      List<String> args = table.commandLine(pid);
      return !args.isEmpty() && args.get(0).endsWith("chromium") && args.stream().noneMatch(a -> a.startsWith("--type="));
    }).findFirst().orElseThrow(() -> new AssertionError("no Chromium in the sandbox of " + sandboxPid));
  }

  private static String namespace(long pid, String ns) throws IOException {
    return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", ns)).toString();
  }

  private static int uid(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith("Uid:")).map(line -> Integer.parseInt(line.substring(4).trim().split("\\s+")[1]))
        .findFirst().orElseThrow();
  }

  private static Map<String, String> environment(long pid) throws Exception {
    Path environ = Path.of("/proc", Long.toString(pid), "environ");
    String raw = new String(Files.readAllBytes(environ), StandardCharsets.UTF_8);
    return Stream.of(raw.split("\0")).filter(kv -> kv.contains("="))
        .collect(Collectors.toMap(kv -> kv.substring(0, kv.indexOf('=')), kv -> kv.substring(kv.indexOf('=') + 1),
            (first, second) -> second));
  }

  private String describe(long pid) {
    try {
      return table.commandLine(pid) + " in " + Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
    } catch (IOException e) {
      return pid + " (gone)";
    }
  }

  private static final int GONE = -1;

  /** The scheduling policy, or {@link #GONE} for a process that exited meanwhile (a forwarder's child, say). */
  private static int schedulingPolicy(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(afterName[41 - 3]);
    } catch (java.nio.file.NoSuchFileException e) {
      return GONE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean running(long pid) {
    return table.entry(pid).map(ProcessTable.Entry::running).orElse(false);
  }
}
