package io.browsergrid.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a browser's {@code TMPDIR} goes: {@code profileDir/tmp}, unless that is too deep for Chromium's singleton
 * socket, then a fresh short folder {@code /tmp/bg-*}.
 */
final class ChromiumTmpDir {
  // Chromium binds $TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket and aborts ("Socket path too long") when that
  // exceeds the 107 bytes a Unix socket address holds
  private static final int MAX_BYTES = 107 - "/org.chromium.Chromium.XXXXXX/SingletonSocket".length();
  private static final Path SHORT_ROOT = Path.of("/tmp");
  private static final String SHORT_PREFIX = "bg-";

  private ChromiumTmpDir() {}

  /** Creates the temp folder for a browser whose profile is {@code profileDir} and returns its absolute path. */
  static Path create(Path profileDir) throws IOException {
    return create(profileDir, "tmp", MAX_BYTES);
  }

  /**
   * Creates {@code parent/name}, or, when that path is longer than {@code maxBytes} (the sockets in it would not
   * fit a Unix socket address), a fresh short folder {@code /tmp/bg-*}; returns its absolute path.
   */
  static Path create(Path parent, String name, int maxBytes) throws IOException {
    Path inParent = parent.resolve(name).toAbsolutePath();
    if (inParent.toString().getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return Files.createDirectories(inParent);
    }
    return Files.createTempDirectory(SHORT_ROOT, SHORT_PREFIX);
  }

  /** True for a folder {@link #create} made outside the profile, which deleting the profile does not remove. */
  static boolean isOutsideProfile(Path dir) {
    return SHORT_ROOT.equals(dir.getParent()) && dir.getFileName().toString().startsWith(SHORT_PREFIX);
  }
}
