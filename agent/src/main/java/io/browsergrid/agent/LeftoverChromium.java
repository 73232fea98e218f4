package io.browsergrid.agent;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and kills Chromium processes whose profile lies under a folder: what a crashed or killed server left
 * running. Call it at start-up before reusing the folder. Temp folders such browsers had outside their profile are
 * deleted too; the profile folders are left to the caller.
 */
public final class LeftoverChromium {
  private static final String USER_DATA_DIR = "--user-data-dir=";

  private final ProcessTable table;
  private final ProcessTreeKiller killer;

  public LeftoverChromium() {
    this.table = new ProcessTable();
    this.killer = new ProcessTreeKiller(table, Duration.ofSeconds(5));
  }

  /**
   * SIGKILLs every process (with its descendants and process group) whose arguments hold a {@code --user-data-dir=}
   * under {@code dir} (an unconfined Chromium) or a folder under it (a sandbox, which binds its browser's folders),
   * waits until they are gone and deletes their short folders outside {@code dir}. Returns how many such processes
   * were running.
   */
  public int killUnder(Path dir) {
    Path base = dir.toAbsolutePath().normalize();
    long self = ProcessHandle.current().pid();
    int found = 0;
    for (ProcessTable.Entry entry : table.entries()) {
      if (entry.pid() == self || !entry.running()) {
        continue;
      }
      List<String> args = table.commandLine(entry.pid());
      if (usesFolderUnder(args, base)) {
        found++;
        List<Path> outside = new ArrayList<>();
        table.environmentVariable(entry.pid(), "TMPDIR").map(Path::of).ifPresent(outside::add);
        args.stream().map(LeftoverChromium::path).flatMap(Optional::stream).forEach(outside::add);
        ProcessHandle.of(entry.pid()).ifPresent(killer::kill);
        outside.stream().filter(ChromiumTmpDir::isOutsideProfile).forEach(ProfileDir::delete);
      }
    }
    return found;
  }

  private static boolean usesFolderUnder(List<String> args, Path base) {
    for (String arg : args) {
      String candidate = arg.startsWith(USER_DATA_DIR) ? arg.substring(USER_DATA_DIR.length()) : arg;
      Optional<Path> path = path(candidate);
      if (path.isPresent() && path.get().startsWith(base) && !path.get().equals(base)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Path> path(String arg) {
    if (!arg.startsWith("/")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(arg).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
