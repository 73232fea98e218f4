package io.browsergrid.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user this JVM runs as, from {@code /proc/self/status}.
 *
 * @param uid its effective uid
 * @param gid its effective gid
 */
public record CurrentUser(int uid, int gid) {
  /** Reads {@code /proc/self/status}; throws {@link UncheckedIOException} where it cannot be read. */
  public static CurrentUser read() {
    try {
      int uid = -1;
      int gid = -1;
      // "Uid:" and "Gid:" list the real, effective, saved and filesystem ids
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
        } else if (line.startsWith("Gid:")) {
          gid = Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
        }
      }
      if (uid < 0 || gid < 0) {
        throw new IOException("no Uid or Gid line in /proc/self/status");
      }
      return new CurrentUser(uid, gid);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tell which user runs this process", e);
    }
  }

  public boolean isRoot() {
    return uid == 0;
  }
}
