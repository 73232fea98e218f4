package io.browsergrid.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Finds which browser (its folder under {@code browsers/}) serves a CDP URL, from outside: the page downloads a file
 * with a fresh name into its sandbox's own download folder, and the test looks for it on the host. (Inside their
 * PID namespaces every browser has the same pids, and no CDP answer names the host folder.)
 */
final class BrowserIdentity {
  private BrowserIdentity() {}

  static String of(String cdpUrl, Path dataDir) throws Exception {
    return of(cdpUrl, dataDir, () -> { });
  }

  /** As {@link #of(String, Path)}, running {@code whileConnected} before the connection closes. */
  static String of(String cdpUrl, Path dataDir, Runnable whileConnected) throws Exception {
    String marker = "marker-" + UUID.randomUUID() + ".txt";
    try (TenantTab tab = TenantTab.open(cdpUrl)) {
      tab.browser().call("Browser.setDownloadBehavior",
          "{\"behavior\":\"allow\",\"downloadPath\":\"/home/browser/Downloads\"}");
      tab.eval("(() => { const a = document.createElement('a'); a.href = 'data:text/plain,x'; a.download = '"
          + marker + "'; document.body.appendChild(a); a.click(); return 'clicked'; })()");
      String[] found = new String[1];
      Poll.until(Poll.START_DEADLINE, "the marker download " + marker, () -> {
        try (Stream<Path> dirs = Files.list(dataDir.resolve("browsers"))) {
          return dirs.filter(d -> Files.exists(d.resolve("home/Downloads").resolve(marker))).findFirst()
              .map(d -> found[0] = d.getFileName().toString()).isPresent();
        } catch (java.io.IOException e) {
          return false;
        }
      });
      whileConnected.run();
      return found[0];
    }
  }
}
