package io.browsergrid.agent;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
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
   * under {@code dir}, waits until they are gone and deletes their temp folders outside {@code dir}. Returns how many
   * such processes were running.
   */
  public int killUnder(Path dir) {
    Path base = dir.toAbsolutePath().normalize();
    long self = ProcessHandle.current().pid();
    int found = 0;
    for (ProcessTable.Entry entry : table.entries()) {
      if (entry.pid() != self && entry.running() && usesProfileUnder(entry.pid(), base)) {
        found++;
        Optional<Path> tmp = table.environmentVariable(entry.pid(), "TMPDIR").map(Path::of)
            .filter(ChromiumTmpDir::isOutsideProfile);
        ProcessHandle.of(entry.pid()).ifPresent(killer::kill);
        tmp.ifPresent(ProfileDir::delete);
      }
    }
    return found;
  }

  private boolean usesProfileUnder(long pid, Path base) {
    for (String arg : table.commandLine(pid)) {
      if (arg.startsWith(USER_DATA_DIR)) {
        try {
          return Path.of(arg.substring(USER_DATA_DIR.length())).toAbsolutePath().normalize().startsWith(base);
        } catch (InvalidPathException e) {
          return false;
        }
      }
    }
    return false;
  }
}
