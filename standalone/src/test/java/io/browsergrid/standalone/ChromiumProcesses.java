package io.browsergrid.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts live Chromium processes by what their command line says, from /proc. */
final class ChromiumProcesses {
  private ChromiumProcesses() {}

  /** Processes with a {@code --user-data-dir} under {@code dir}. */
  static int under(Path dir) {
    return matching("--user-data-dir=" + dir.toAbsolutePath());
  }

  /** Processes whose command line contains {@code needle}. */
  static int matching(String needle) {
    int count = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(needle) && !isZombie(p)) {
            count++;
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return count;
  }

  /** Main browser processes (not renderers or helpers) whose command line contains {@code needle}: pid → profile dir. */
  static java.util.Map<Long, String> browsers(String needle) {
    java.util.Map<Long, String> found = new java.util.HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String[] args = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
          String joined = String.join(" ", args);
          if (!joined.contains(needle) || joined.contains("--type=") || isZombie(p)) {
            continue;
          }
          for (String arg : args) {
            if (arg.startsWith("--user-data-dir=")) {
              found.put(Long.parseLong(name), arg.substring("--user-data-dir=".length()));
            }
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  private static boolean isZombie(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    int close = stat.lastIndexOf(')');
    return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
  }
}
