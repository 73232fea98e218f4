package io.browsergrid.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the Chromium executable: an explicit path, else {@value #ENV}, else Debian's binary, else a Chromium or
 * Chrome on {@code PATH}.
 */
public final class ChromiumLocator {
  /** Environment variable naming the Chromium executable. */
  public static final String ENV = "BROWSERGRID_CHROME_PATH";

  // the real binary before Debian's /usr/bin/chromium shell wrapper, which costs 10-20 ms per start
  private static final List<Path> KNOWN = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
  private static final List<String> ON_PATH = List.of("chromium-browser", "google-chrome", "chromium");

  private final Map<String, String> env;

  /** @param env the environment to read {@value #ENV} and {@code PATH} from (usually {@code System.getenv()}) */
  public ChromiumLocator(Map<String, String> env) {
    this.env = env;
  }

  /** The first executable found without an explicit path; see {@link #locate(String)}. */
  public Path locate() {
    return locate(null);
  }

  /**
   * The executable to run. An explicit path (or {@value #ENV}) must point at an executable file, else this throws
   * {@link IllegalArgumentException}; when nothing is found, {@link IllegalStateException} lists where it looked.
   */
  public Path locate(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return checked(Path.of(explicit), "the configured Chromium");
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return checked(Path.of(fromEnv), ENV);
    }
    List<Path> candidates = new ArrayList<>(KNOWN);
    String path = env.getOrDefault("PATH", "");
    for (String name : ON_PATH) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    return candidates.stream().filter(ChromiumLocator::executable).findFirst().orElseThrow(() ->
        new IllegalStateException("no Chromium found: set " + ENV + " or install chromium; looked at " + candidates));
  }

  private static Path checked(Path path, String source) {
    if (!executable(path)) {
      throw new IllegalArgumentException(source + " is not an executable file: " + path);
    }
    return path;
  }

  private static boolean executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}
