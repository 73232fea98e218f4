package io.browsergrid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Proportional set size of a process tree, from {@code /proc/<pid>/smaps_rollup}. */
final class Pss {
  private Pss() {}

  /** MiB of PSS of {@code root} and all its descendants. */
  static double ofTree(long root) {
    ProcessHandle handle = ProcessHandle.of(root).orElseThrow(() -> new IllegalStateException("no process " + root));
    long kib = Stream.concat(Stream.of(handle), handle.descendants()).mapToLong(p -> kib(p.pid())).sum();
    return kib / 1024.0;
  }

  /** The outer bubblewrap process of the sandbox whose folder is {@code browserDir}. */
  static long sandboxOf(Path browserDir) throws IOException {
    String home = browserDir.toAbsolutePath() + "/home";
    long found = Long.MAX_VALUE;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.startsWith("/usr/bin/bwrap") && cmdline.contains("\0" + home + "\0")) {
            found = Math.min(found, Long.parseLong(name));
          }
        } catch (IOException gone) {
          // ended meanwhile
        }
      }
    }
    if (found == Long.MAX_VALUE) {
      throw new IllegalStateException("no sandbox for " + browserDir);
    }
    return found;
  }

  private static long kib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException gone) {
      // a helper that exited meanwhile
    }
    return 0;
  }
}
