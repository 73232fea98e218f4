package io.browsergrid.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's total memory, from {@code /proc/meminfo} (the JVM's view may be a container limit or the heap). */
final class MachineMemory {
  private static final long FALLBACK = 4L * 1024 * 1024 * 1024;

  private MachineMemory() {}

  static long totalBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return FALLBACK;
    }
    return FALLBACK;
  }
}
