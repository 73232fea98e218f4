package io.browsergrid.agent;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserProxy;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts Chromium processes, each in a sandbox of its own ({@link BrowserSandbox}) with a fresh profile, leading its
 * own process group, its traffic served by the {@link Egress}, and watched until it answers CDP. Thread-safe.
 */
public final class ChromiumLauncher {
  private static final Path SH = Path.of("/bin/sh");
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path CHRT = Path.of("/usr/bin/chrt");
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

  private final Path executable;
  private final ChromiumFlags flags = new ChromiumFlags();
  private final BrowserSandbox sandbox;
  private final Egress egress;
  private final List<String> prefix;
  private final CdpVersionProbe probe;
  private final ProcessTreeKiller killer;

  /**
   * Browsers join {@code cpuGroup} when given (best effort: one that cannot be joined leaves the browser where the
   * server is) and run at {@code SCHED_IDLE}. {@code egress} serves the browsers of a sandbox that has one.
   * Throws {@link IllegalArgumentException} if {@code executable} is not an executable file.
   */
  public ChromiumLauncher(Path executable, BrowserSandbox sandbox, Egress egress, Optional<BrowserCpuGroup> cpuGroup) {
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IllegalArgumentException("not an executable file: " + executable);
    }
    this.executable = executable;
    this.sandbox = sandbox;
    this.egress = egress;
    // a JVM's child never leads a process group, so setsid execs Chromium in place: its pid becomes the group id
    List<String> wrappers = new ArrayList<>();
    // the shell joins the group, then execs the rest in place, so every process Chromium forks starts in the group
    cpuGroup.ifPresent(group -> wrappers.addAll(List.of(SH.toString(), "-c",
        "echo $$ > \"$0/cgroup.procs\" 2>/dev/null; exec \"$@\"", group.dir().toString())));
    if (Files.isExecutable(SETSID)) {
      wrappers.add(SETSID.toString());
    }
    // SCHED_IDLE: browsers get the CPU the control plane leaves, so API answers stay fast while pools start browsers
    if (Files.isExecutable(CHRT)) {
      wrappers.addAll(List.of(CHRT.toString(), "--idle", "0"));
    }
    this.prefix = List.copyOf(wrappers);
    this.probe = new CdpVersionProbe(PROBE_TIMEOUT);
    this.killer = new ProcessTreeKiller(new ProcessTable(), KILL_TIMEOUT);
  }

  /** As the four-argument constructor, without a CPU group: browsers run at {@code SCHED_IDLE} only. */
  public ChromiumLauncher(Path executable, BrowserSandbox sandbox, Egress egress) {
    this(executable, sandbox, egress, Optional.empty());
  }

  /** The sandbox browsers run in. */
  public BrowserSandbox sandbox() {
    return sandbox;
  }

  /**
   * Spawns Chromium in a new sandbox under {@code profileDir} (which should be new) and returns at once;
   * {@link ChromiumProcess#ready()} tells when it answers CDP. {@link ChromiumProcess#kill()} removes everything.
   *
   * @throws IOException if the folders cannot be created or the process cannot be spawned (then nothing is left)
   */
  public ChromiumProcess launch(String browserId, BrowserOptions options, Path profileDir) throws IOException {
    SandboxedBrowser box = sandbox.prepare(profileDir);
    List<AutoCloseable> held = new ArrayList<>();
    Process process;
    try {
      List<String> placement = new ArrayList<>(box.flags());
      Optional<BrowserProxy> upstream = Optional.ofNullable(options.proxy());
      if (box.egressSocket().isPresent()) {
        held.add(egress.open(browserId, box.egressSocket().get(), upstream));
      } else {
        Egress.Loopback loopback = egress.openLoopback(browserId, upstream);
        held.add(loopback);
        placement.addAll(List.of("--proxy-server=http://127.0.0.1:" + loopback.port(), "--proxy-bypass-list=<-loopback>",
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp"));
      }
      List<String> command = new ArrayList<>(prefix);
      command.addAll(box.prefix());
      command.add(executable.toString());
      command.addAll(flags.arguments(options, placement));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      // nothing of the server's environment (keys, BROWSERGRID_*) reaches the browser
      builder.environment().clear();
      builder.environment().putAll(box.environment());
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      new BrowserRemains(box, held).remove();
      throw e;
    }
    return ChromiumProcess.watch(browserId, process, box, new BrowserRemains(box, held), probe, killer);
  }
}
