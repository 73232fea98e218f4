package io.browsergrid.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts live Chromium processes by what their command line says, from /proc. */
final class ChromiumProcesses {
  private ChromiumProcesses() {}

  /** Browser processes of {@code dir}: sandboxes binding a folder under it, or Chromium with its profile there. */
  static int under(Path dir) {
    return matching(dir.toAbsolutePath() + "/");
  }

  /**
   * The live sandboxes of the browsers under {@code dataDir}: browser id (its folder under {@code browsers/}) to the
   * host pid of its outer bubblewrap process.
   */
  static java.util.Map<String, Long> sandboxes(Path dataDir) {
    String home = dataDir.toAbsolutePath() + "/browsers/";
    java.util.Map<String, Long> found = new java.util.TreeMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String[] args = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
          if (args.length == 0 || !args[0].endsWith("bwrap") || isZombie(p)) {
            continue;
          }
          for (String arg : args) {
            if (arg.startsWith(home) && arg.endsWith("/home")) {
              String id = arg.substring(home.length(), arg.length() - "/home".length());
              found.merge(id, Long.parseLong(name), Math::min);
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

  private static boolean isZombie(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    int close = stat.lastIndexOf(')');
    return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
  }
}
