package io.browsergrid.agent;

import io.browsergrid.browser.BrowserOptions;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts Chromium processes, each with a fresh profile folder, leading its own process group, and watched until it
 * answers CDP. Thread-safe.
 */
public final class ChromiumLauncher {
  private static final Path SH = Path.of("/bin/sh");
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path CHRT = Path.of("/usr/bin/chrt");
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

  private final Path executable;
  private final ChromiumFlags flags;
  private final List<String> prefix;
  private final CdpVersionProbe probe;
  private final ProcessTreeKiller killer;

  /** As the three-argument constructor, without a CPU group: browsers run at {@code SCHED_IDLE} only. */
  public ChromiumLauncher(Path executable, ChromiumFlags flags) {
    this(executable, flags, Optional.empty());
  }

  /**
   * Browsers join {@code cpuGroup} when given (best effort: one that cannot be joined leaves the browser where the
   * server is) and run at {@code SCHED_IDLE}.
   * Throws {@link IllegalArgumentException} if {@code executable} is not an executable file.
   */
  public ChromiumLauncher(Path executable, ChromiumFlags flags, Optional<BrowserCpuGroup> cpuGroup) {
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IllegalArgumentException("not an executable file: " + executable);
    }
    this.executable = executable;
    this.flags = flags;
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
    this.probe = new CdpVersionProbe(HttpClient.newHttpClient());
    this.killer = new ProcessTreeKiller(new ProcessTable(), KILL_TIMEOUT);
  }

  /**
   * Spawns Chromium and returns at once; {@link ChromiumProcess#ready()} tells when it answers CDP. The browser uses
   * {@code profileDir/profile} as its user-data dir and {@code profileDir/tmp} as {@code TMPDIR} (or, when that path
   * is too long for Chromium's socket, a fresh {@code /tmp/bg-*} folder); {@code profileDir} should be new, and both
   * are deleted by {@link ChromiumProcess#kill()}.
   *
   * @throws IOException if the folders cannot be created or the process cannot be spawned (then nothing is left)
   */
  public ChromiumProcess launch(String browserId, BrowserOptions options, Path profileDir) throws IOException {
    Path userDataDir = profileDir.resolve("profile").toAbsolutePath();
    List<String> command = new ArrayList<>(prefix);
    command.add(executable.toString());
    command.addAll(flags.arguments(options, userDataDir));
    List<Path> owned = new ArrayList<>(List.of(profileDir));
    Process process;
    try {
      Files.createDirectories(userDataDir);
      Path tmp = ChromiumTmpDir.create(profileDir);
      if (ChromiumTmpDir.isOutsideProfile(tmp)) {
        owned.add(tmp);
      }
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("TMPDIR", tmp.toString());
      process = builder.start();
    } catch (IOException e) {
      owned.forEach(ProfileDir::delete);
      throw e;
    }
    return ChromiumProcess.watch(browserId, process, owned, probe, killer);
  }
}
