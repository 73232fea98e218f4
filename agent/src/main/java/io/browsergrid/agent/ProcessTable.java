package io.browsergrid.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads Linux's process table from {@code /proc}. Processes may vanish between listing and reading; such entries
 * are skipped, never reported as errors.
 */
final class ProcessTable {
  private static final Path PROC = Path.of("/proc");

  /** One line of {@code /proc/<pid>/stat}, reduced to what killing a tree needs. */
  record Entry(long pid, long ppid, long pgid, char state) {
    /** False for zombies and dead entries: they hold no resources but a pid and cannot be killed further. */
    boolean running() {
      return state != 'Z' && state != 'X' && state != 'x';
    }
  }

  /** Every process visible now. */
  List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, ProcessTable::isPidDir)) {
      for (Path dir : dirs) {
        entry(Long.parseLong(dir.getFileName().toString())).ifPresent(entries::add);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return entries;
  }

  /** The process with this pid, if it exists now. */
  Optional<Entry> entry(long pid) {
    String stat;
    try {
      stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return Optional.empty();
    }
    // the command name in parentheses may itself contain spaces and parentheses: parse after the last ')'
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(close + 2).split(" ", 4);
    if (fields.length < 3) {
      return Optional.empty();
    }
    return Optional.of(new Entry(pid, Long.parseLong(fields[1]), Long.parseLong(fields[2]), fields[0].charAt(0)));
  }

  /** The process's arguments, empty when it is gone or a kernel thread. */
  List<String> commandLine(long pid) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
    } catch (IOException e) {
      return List.of();
    }
    if (raw.length == 0) {
      return List.of();
    }
    String all = new String(raw, StandardCharsets.UTF_8);
    return Arrays.asList((all.endsWith("\0") ? all.substring(0, all.length() - 1) : all).split("\0", -1));
  }

  /** One variable of the process's environment as it started, empty when unset or unreadable. */
  Optional<String> environmentVariable(long pid, String name) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException e) {
      return Optional.empty();
    }
    String prefix = name + "=";
    return Arrays.stream(new String(raw, StandardCharsets.UTF_8).split("\0"))
        .filter(variable -> variable.startsWith(prefix))
        .map(variable -> variable.substring(prefix.length()))
        .findFirst();
  }

  private static boolean isPidDir(Path path) {
    String name = path.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }
}
