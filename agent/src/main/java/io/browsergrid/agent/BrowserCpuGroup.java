package io.browsergrid.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CPU control group browsers run in: one group beside the server's own, scheduled as idle, so that however many
 * Chromium threads are starting or dying they weigh together as one idle task against the server's threads.
 *
 * <p>Why a group and not only {@code SCHED_IDLE} per process: the scheduler weighs every runnable idle thread on its
 * own, and killing a few browsers wakes a few hundred threads at once (each must run to exit); together they
 * outweighed the server's threads, which waited 100 ms and more for a core (measured with {@code perf sched}). As one
 * group they weigh as one idle thread.
 *
 * <p>Needs a writable cgroup hierarchy with the CPU controller: root on a host or VM (cgroup v1 or v2), or a
 * delegated v2 subtree. Where there is none, {@link #find()} answers why, and browsers run at {@code SCHED_IDLE}
 * only. Immutable.
 */
public final class BrowserCpuGroup {
  /** The group's folder name, beside or inside the server's own group; shared by every server on the machine. */
  public static final String NAME = "browsergrid-browsers";

  private final Path dir;

  private BrowserCpuGroup(Path dir) {
    this.dir = dir;
  }

  /** The group's folder: a process joins by writing its pid to {@code cgroup.procs} there. */
  public Path dir() {
    return dir;
  }

  /**
   * Finds this process's CPU cgroup through {@code /proc/self} and creates (or reuses) the browsers' group below it,
   * weighted idle. Idempotent.
   *
   * @throws IOException saying why when the machine offers no writable CPU cgroup
   */
  public static BrowserCpuGroup find() throws IOException {
    return find(Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"), Path.of("/"));
  }

  /** As {@link #find()}, or empty after handing the reason to {@code unavailable}: what a server starts with. */
  public static Optional<BrowserCpuGroup> findOr(Consumer<String> unavailable) {
    try {
      return Optional.of(find());
    } catch (IOException e) {
      unavailable.accept(e.getMessage());
      return Optional.empty();
    }
  }

  /** As {@link #find()}, reading the given files and resolving mount points under {@code root} (tests). */
  static BrowserCpuGroup find(Path cgroupFile, Path mountInfo, Path root) throws IOException {
    List<String> memberships = Files.readAllLines(cgroupFile, StandardCharsets.UTF_8);
    List<String> mounts = Files.readAllLines(mountInfo, StandardCharsets.UTF_8);
    Optional<String> v1Path = memberships.stream().map(l -> l.split(":", 3))
        .filter(f -> f.length == 3 && Arrays.asList(f[1].split(",")).contains("cpu")).map(f -> f[2]).findFirst();
    Optional<Mount> v1Mount = mounts.stream().map(Mount::parse).flatMap(Optional::stream)
        .filter(m -> m.type().equals("cgroup") && m.options().contains("cpu")).findFirst();
    if (v1Path.isPresent() && v1Mount.isPresent()) {
      Path group = Files.createDirectories(v1Mount.get().dirOf(root, v1Path.get()).resolve(NAME));
      weighIdle(group, "cpu.shares", "2");
      return new BrowserCpuGroup(group);
    }
    Optional<String> v2Path = memberships.stream().filter(l -> l.startsWith("0::")).map(l -> l.substring(3))
        .findFirst();
    Optional<Mount> v2Mount = mounts.stream().map(Mount::parse).flatMap(Optional::stream)
        .filter(m -> m.type().equals("cgroup2")).findFirst();
    if (v2Path.isEmpty() || v2Mount.isEmpty()) {
      throw new IOException("no cgroup hierarchy with the CPU controller is mounted");
    }
    Path own = v2Mount.get().dirOf(root, v2Path.get());
    if (!Files.readString(own.resolve("cgroup.controllers")).contains("cpu")) {
      throw new IOException("the CPU controller is not available in " + own);
    }
    // cgroup v2 lets a group with processes of its own enable controllers for children only at the root
    write(own.resolve("cgroup.subtree_control"), "+cpu");
    Path group = Files.createDirectories(own.resolve(NAME));
    weighIdle(group, "cpu.weight", "1");
    return new BrowserCpuGroup(group);
  }

  /** The idle class when the kernel has it (5.15+), otherwise the smallest weight. */
  private static void weighIdle(Path group, String weightFile, String smallest) throws IOException {
    if (Files.exists(group.resolve("cpu.idle"))) {
      write(group.resolve("cpu.idle"), "1");
    } else {
      write(group.resolve(weightFile), smallest);
    }
    if (!Files.isWritable(group.resolve("cgroup.procs"))) {
      throw new IOException("cannot move processes into " + group);
    }
  }

  private static void write(Path file, String value) throws IOException {
    try {
      Files.writeString(file, value);
    } catch (IOException e) {
      throw new IOException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }

  /** One line of {@code /proc/self/mountinfo}: what is mounted where, from which folder of its hierarchy. */
  private record Mount(String hierarchyRoot, String mountPoint, String type, List<String> options) {
    static Optional<Mount> parse(String line) {
      String[] halves = line.split(" - ", 2);
      if (halves.length != 2) {
        return Optional.empty();
      }
      String[] before = halves[0].split(" ");
      String[] after = halves[1].split(" ");
      if (before.length < 5 || after.length < 3) {
        return Optional.empty();
      }
      List<String> options = new ArrayList<>(Arrays.asList(after[2].split(",")));
      return Optional.of(new Mount(before[3], before[4], after[0], options));
    }

    /** The folder of cgroup {@code path}: a container may see its hierarchy from a folder below the real root. */
    Path dirOf(Path root, String path) {
      String relative = path;
      if (!hierarchyRoot.equals("/") && (path.equals(hierarchyRoot) || path.startsWith(hierarchyRoot + "/"))) {
        relative = path.substring(hierarchyRoot.length());
      }
      Path mounted = root.resolve(mountPoint.substring(1));
      String inside = relative.startsWith("/") ? relative.substring(1) : relative;
      return inside.isEmpty() ? mounted : mounted.resolve(inside);
    }
  }
}
