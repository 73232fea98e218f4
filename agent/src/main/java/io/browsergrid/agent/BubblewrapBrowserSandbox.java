package io.browsergrid.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Each browser in a bubblewrap sandbox of its own: a mount namespace holding only the system's {@code /usr}
 * (read-only), a few files of {@code /etc}, its own home (profile, temp and download folders) and its run folder;
 * its own PID, IPC, UTS and network namespaces; an empty environment but for a few variables; and, when the server
 * runs as root, a host uid of its own (Chromium's sandbox stays on: the uid is not root). The network namespace has
 * only loopback: Chromium's DevTools port and its proxy port exist there alone, and two forwarders (socat, as another
 * uid of its own) link them to Unix sockets in the run folder, the only ways in and out. So CDP reaches the browser
 * only through the server's token-checked relay, and pages reach the network only through the server's egress proxy,
 * whatever a CDP client or a page does (direct connections, WebRTC, DNS have no route).
 */
public final class BubblewrapBrowserSandbox implements BrowserSandbox {
  static final String HOME = "/home/browser";
  static final String RUN = "/run/browsergrid";
  static final int DEVTOOLS_PORT = 9222;
  static final int PROXY_PORT = 8118;
  // a Unix socket address holds 107 bytes
  private static final int MAX_SOCKET_PATH = 107;
  private static final String CDP_SOCKET = "cdp.sock";
  private static final String EGRESS_SOCKET = "egress.sock";
  private static final List<Path> BWRAP = List.of(Path.of("/usr/bin/bwrap"));
  private static final List<Path> SOCAT = List.of(Path.of("/usr/bin/socat"));
  private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"));
  /**
   * Chromium's managed policy (a resource, which the cloud image installs too): file:, chrome: and devtools: pages
   * would show the sandbox's files and Chromium's internals; downloads stay in the sandbox's own folder.
   */
  static final String POLICY = policy();

  private final Path bwrap;
  private final Path socat;
  private final Path setpriv;
  private final Path chromiumDir;
  private final CurrentUser user;
  private final Optional<SandboxUids> uids;

  private BubblewrapBrowserSandbox(Path bwrap, Path socat, Path setpriv, Path chromium, CurrentUser user) {
    this.bwrap = bwrap;
    this.socat = socat;
    this.setpriv = setpriv;
    this.chromiumDir = realParent(chromium);
    this.user = user;
    // only root can run a browser as a uid of its own; others run it as themselves, mapped in a user namespace
    this.uids = user.isRoot() ? Optional.of(new SandboxUids(SandboxUids.DEFAULT_BASE)) : Optional.empty();
  }

  /**
   * A sandbox for browsers started from {@code chromium}, or why there can be none here: bubblewrap or socat missing
   * (Debian packages {@code bubblewrap}, {@code socat}), or the kernel refusing the namespaces (checked by starting
   * {@code true} in one).
   */
  public static Result find(Path chromium, CurrentUser user) {
    Optional<Path> bwrap = first(BWRAP);
    Optional<Path> socat = first(SOCAT);
    Optional<Path> setpriv = first(SETPRIV);
    if (bwrap.isEmpty() || socat.isEmpty() || (user.isRoot() && setpriv.isEmpty())) {
      return new Result(null, "bubblewrap, socat and setpriv are needed (apt-get install bubblewrap socat)");
    }
    BubblewrapBrowserSandbox sandbox = new BubblewrapBrowserSandbox(bwrap.get(), socat.get(), setpriv.orElse(null), chromium, user);
    Optional<String> refusal = sandbox.trial();
    return refusal.map(why -> new Result(null, why)).orElseGet(() -> new Result(sandbox, null));
  }

  /** A sandbox, or why there is none. */
  public record Result(BubblewrapBrowserSandbox sandbox, String whyNot) {
    public Optional<BubblewrapBrowserSandbox> found() {
      return Optional.ofNullable(sandbox);
    }
  }

  @Override
  public String name() {
    return "bubblewrap";
  }

  @Override
  public boolean isolates() {
    return true;
  }

  /** True when each browser gets a host uid of its own (the server runs as root). */
  public boolean ownUids() {
    return uids.isPresent();
  }

  @Override
  public SandboxedBrowser prepare(Path profileDir) throws IOException {
    Path root = profileDir.toAbsolutePath();
    List<Path> owned = new ArrayList<>(List.of(root));
    int slot = uids.map(SandboxUids::acquire).orElse(-1);
    Runnable release = () -> uids.ifPresent(u -> u.release(slot));
    try {
      Files.createDirectories(root);
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      Path home = ownedDir(root.resolve("home"));
      for (String sub : List.of("profile", "tmp", "Downloads")) {
        Files.createDirectories(home.resolve(sub));
      }
      Path run = runDir(root, owned);
      Path etc = Files.createDirectories(root.resolve("etc"));
      Path policy = Files.createDirectories(root.resolve("policy"));
      int browserUid = uids.map(u -> u.browserUid(slot)).orElse(user.uid());
      int browserGid = uids.map(u -> u.browserUid(slot)).orElse(user.gid());
      Files.writeString(etc.resolve("passwd"), "browser:x:" + browserUid + ":" + browserGid
          + ":browser:" + HOME + ":/usr/sbin/nologin\n", StandardCharsets.UTF_8);
      Files.writeString(etc.resolve("group"), "browser:x:" + browserGid + ":\n", StandardCharsets.UTF_8);
      Files.writeString(policy.resolve("browsergrid.json"), POLICY, StandardCharsets.UTF_8);
      if (uids.isPresent()) {
        chownTree(home, browserUid);
        chownTree(run, uids.get().forwarderUid(slot));
      }
      List<String> prefix = command(home, run, etc, policy, slot);
      // Chromium's own sandbox stays on, in its namespace form: the setuid helper cannot work here (no new
      // privileges), and trying it first cost ~150 ms of every start
      List<String> flags = List.of("--user-data-dir=" + HOME + "/profile", "--remote-debugging-port=" + DEVTOOLS_PORT,
          "--proxy-server=http://127.0.0.1:" + PROXY_PORT, "--proxy-bypass-list=<-loopback>",
          "--disable-setuid-sandbox");
      Path cdpSocket = run.resolve(CDP_SOCKET);
      return new SandboxedBrowser(prefix, Map.of("PATH", "/usr/bin:/bin"), flags,
          url -> CdpEndpoint.unix(cdpSocket, url.getRawPath()), Optional.of(run.resolve(EGRESS_SOCKET)), owned,
          release);
    } catch (IOException | RuntimeException e) {
      owned.forEach(ProfileDir::delete);
      release.run();
      throw e;
    }
  }

  private List<String> command(Path home, Path run, Path etc, Path policy, int slot) {
    List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid", "--unshare-net",
        "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--clearenv", "--hostname", "browser"));
    if (uids.isEmpty()) {
      c.add("--unshare-user");
    }
    c.addAll(List.of("--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin"));
    if (!chromiumDir.startsWith("/usr/")) {
      // a Chromium installed elsewhere (/opt/google/chrome): its folder, read-only, below folders anyone may enter
      List<String> parents = new ArrayList<>();
      for (Path dir = chromiumDir.getParent(); dir != null && dir.getParent() != null; dir = dir.getParent()) {
        parents.addAll(0, List.of("--perms", "0755", "--dir", dir.toString()));
      }
      c.addAll(parents);
      c.addAll(List.of("--ro-bind", chromiumDir.toString(), chromiumDir.toString()));
    }
    c.addAll(List.of("--perms", "0755", "--dir", "/etc",
        "--ro-bind-try", "/etc/fonts", "/etc/fonts", "--ro-bind-try", "/etc/ssl/certs", "/etc/ssl/certs",
        // without the system's font cache every browser would scan every font at start
        "--perms", "0755", "--dir", "/var", "--perms", "0755", "--dir", "/var/cache",
        "--ro-bind-try", "/var/cache/fontconfig", "/var/cache/fontconfig",
        "--ro-bind", etc.resolve("passwd").toString(), "/etc/passwd",
        "--ro-bind", etc.resolve("group").toString(), "/etc/group",
        "--perms", "0755", "--dir", "/etc/chromium", "--perms", "0755", "--dir", "/etc/chromium/policies",
        "--ro-bind", policy.toString(), "/etc/chromium/policies/managed",
        "--perms", "0755", "--dir", "/etc/opt/chrome", "--perms", "0755", "--dir", "/etc/opt/chrome/policies",
        "--ro-bind", policy.toString(), "/etc/opt/chrome/policies/managed",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/dev/shm",
        "--perms", "0755", "--dir", "/home", "--bind", home.toString(), HOME,
        "--perms", "0755", "--dir", "/run", "--bind", run.toString(), RUN,
        "--setenv", "HOME", HOME, "--setenv", "TMPDIR", HOME + "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
        "--setenv", "LANG", "C.UTF-8", "--setenv", "XDG_CONFIG_HOME", HOME + "/.config",
        "--setenv", "XDG_CACHE_HOME", HOME + "/.cache", "--chdir", HOME,
        "--", "/bin/sh", "-c", script(slot), "browsergrid-sandbox"));
    return c;
  }

  /**
   * Runs inside the sandbox: the forwarders in the background, then Chromium in place (so its exit ends the
   * sandbox). As root the shell holds full privileges inside its namespaces for the few milliseconds before setpriv;
   * it runs only this fixed text, Chromium's command comes as its arguments.
   */
  private String script(int slot) {
    String forwarder = uids.map(u -> drop(u.forwarderUid(slot))).orElse("");
    String browser = uids.map(u -> drop(u.browserUid(slot))).orElse("");
    return "umask 077; "
        + forwarder + socat + " UNIX-LISTEN:" + RUN + "/" + CDP_SOCKET + ",fork TCP:127.0.0.1:" + DEVTOOLS_PORT + ",nodelay & "
        + forwarder + socat + " TCP-LISTEN:" + PROXY_PORT + ",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:" + RUN + "/"
        + EGRESS_SOCKET + " & "
        + "exec " + browser + "\"$@\"";
  }

  private String drop(int uid) {
    return setpriv + " --reuid=" + uid + " --regid=" + uid + " --clear-groups --inh-caps=-all --bounding-set=-all -- ";
  }

  private static Path ownedDir(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  /** {@code root/run}, or a fresh short folder in /tmp when a socket path there would be too long. */
  private static Path runDir(Path root, List<Path> owned) throws IOException {
    Path run = ChromiumTmpDir.create(root, "run", MAX_SOCKET_PATH - ("/" + EGRESS_SOCKET).length());
    if (ChromiumTmpDir.isOutsideProfile(run)) {
      owned.add(run);
    }
    return ownedDir(run);
  }

  private static void chownTree(Path dir, int uid) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", uid);
      }
    }
  }

  /** Starts {@code true} in the namespaces a browser gets: empty when that works, else bubblewrap's complaint. */
  private Optional<String> trial() {
    List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--unshare-pid", "--unshare-net", "--unshare-ipc"));
    if (uids.isEmpty()) {
      c.add("--unshare-user");
    }
    c.addAll(List.of("--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
        "--proc", "/proc", "--dev", "/dev", "--", "/usr/bin/true"));
    try {
      Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? Optional.empty()
          : Optional.of("bubblewrap cannot create the namespaces here: " + output);
    } catch (IOException e) {
      return Optional.of("bubblewrap does not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while trying bubblewrap");
    }
  }

  private static String policy() {
    try (var in = BubblewrapBrowserSandbox.class.getResourceAsStream("chromium-policy.json")) {
      if (in == null) {
        throw new IllegalStateException("missing resource chromium-policy.json");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Optional<Path> first(List<Path> candidates) {
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static Path realParent(Path executable) {
    try {
      return executable.toRealPath().getParent();
    } catch (IOException e) {
      return executable.toAbsolutePath().getParent();
    }
  }
}
