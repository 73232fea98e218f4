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

/**
 * Starts Chromium processes, each with a fresh profile folder, leading its own process group, and watched until it
 * answers CDP. Thread-safe.
 */
public final class ChromiumLauncher {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path CHRT = Path.of("/usr/bin/chrt");
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

  private final Path executable;
  private final ChromiumFlags flags;
  private final List<String> prefix;
  private final CdpVersionProbe probe;
  private final ProcessTreeKiller killer;

  /** Throws {@link IllegalArgumentException} if {@code executable} is not an executable file. */
  public ChromiumLauncher(Path executable, ChromiumFlags flags) {
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IllegalArgumentException("not an executable file: " + executable);
    }
    this.executable = executable;
    this.flags = flags;
    // a JVM's child never leads a process group, so setsid execs Chromium in place: its pid becomes the group id
    List<String> wrappers = new ArrayList<>();
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
