package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    launcher = new ChromiumLauncher(new ChromiumLocator(System.getenv()).locate(), ChromiumFlags.forCurrentUser());
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

    assertThat(ready.cdpEndpoint()).startsWith("ws://127.0.0.1:").contains("/devtools/browser/");
    assertThat(ready.product()).contains("Chrome/");
    try (CdpTestClient cdp = CdpTestClient.connect(http, URI.create(ready.cdpEndpoint()))) {
      assertThat(cdp.call("Browser.getVersion", null).get("product").asText()).isEqualTo(ready.product());
    }
    assertThat(table.entry(chromium.pid())).hasValueSatisfying(e -> assertThat(e.pgid()).isEqualTo(chromium.pid()));
    Set<Long> tree = tree(chromium.pid());
    assertThat(tree).hasSizeGreaterThan(1);
    assertThat(Files.isDirectory(tmp.resolve("ready/profile"))).isTrue();

    chromium.kill();

    assertThat(tree).noneMatch(this::running);
    assertThat(tree(chromium.pid())).noneMatch(this::running);
    assertThat(chromium.isAlive()).isFalse();
    assertThat(tmp.resolve("ready")).doesNotExist();
  }

  @Test
  void aDeepProfileFolderGetsAShortTempFolderThatKillRemoves() throws Exception {
    String deep = "deep/" + "d".repeat(60) + "/browser-with-a-long-id";
    ChromiumProcess chromium = launch(deep, launcher);
    chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
    Path tmpDir = Path.of(environment(chromium.pid()).get("TMPDIR"));
    assertThat(tmpDir.toString()).startsWith("/tmp/bg-");
    assertThat(tmpDir).isDirectory();

    chromium.kill();

    assertThat(tmpDir).doesNotExist();
    assertThat(tmp.resolve(deep)).doesNotExist();
  }

  @Test
  void aShallowProfileFolderHoldsTheTempFolder() throws Exception {
    ChromiumProcess chromium = launch("shallow", launcher);
    chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(environment(chromium.pid())).containsEntry("TMPDIR", tmp.resolve("shallow/tmp").toString());
    chromium.kill();
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
    Path fake = tmp.resolve("fake-chromium");
    Files.writeString(fake, "#!/bin/sh\necho \"unknown switch $1\" >&2\nexit 3\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    ChromiumProcess chromium = launch("exits", new ChromiumLauncher(fake, ChromiumFlags.forCurrentUser()));

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
    ChromiumLauncher grouped = new ChromiumLauncher(new ChromiumLocator(System.getenv()).locate(),
        ChromiumFlags.forCurrentUser(), Optional.of(group));
    ChromiumProcess chromium = launch("grouped", grouped);
    chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS);

    Set<Long> tree = tree(chromium.pid());
    assertThat(tree).hasSizeGreaterThan(1);
    List<String> members = Files.readAllLines(group.dir().resolve("cgroup.procs"));
    assertThat(tree).allSatisfy(pid -> assertThat(members).contains(Long.toString(pid)));
    // field 41 of /proc/pid/stat is the scheduling policy; 5 is SCHED_IDLE
    assertThat(tree).allSatisfy(pid -> assertThat(schedulingPolicy(pid)).isEqualTo(5));
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
    ChromiumLauncher grouped = new ChromiumLauncher(new ChromiumLocator(System.getenv()).locate(),
        ChromiumFlags.forCurrentUser(), Optional.of(group));

    ChromiumProcess chromium = launch("ungrouped", grouped);

    assertThat(chromium.ready().get(WAIT_SECONDS, TimeUnit.SECONDS).product()).contains("Chrome/");
    chromium.kill();
    assertThat(tmp.resolve("ungrouped")).doesNotExist();
  }

  @Test
  void aMissingExecutableIsRefusedUpFront() {
    assertThatThrownBy(() -> new ChromiumLauncher(tmp.resolve("no-such-chromium"), ChromiumFlags.forCurrentUser()))
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
    Path doomedTmp = Path.of(environment(doomed.pid()).get("TMPDIR"));
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

  private static Map<String, String> environment(long pid) throws Exception {
    Path environ = Path.of("/proc", Long.toString(pid), "environ");
    String raw = new String(Files.readAllBytes(environ), StandardCharsets.UTF_8);
    return Stream.of(raw.split("\0")).filter(kv -> kv.contains("="))
        .collect(Collectors.toMap(kv -> kv.substring(0, kv.indexOf('=')), kv -> kv.substring(kv.indexOf('=') + 1),
            (first, second) -> second));
  }

  private static int schedulingPolicy(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(afterName[41 - 3]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean running(long pid) {
    return table.entry(pid).map(ProcessTable.Entry::running).orElse(false);
  }
}
