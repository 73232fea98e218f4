package io.browsergrid.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the CPU cgroup in the layouts machines have; the real hierarchy is exercised by ChromiumLauncherIT. */
class BrowserCpuGroupTest {
  private static final String V1_CPU = "33 25 0:29 / /sys/fs/cgroup/cpu rw,relatime shared:12 - cgroup cgroup rw,cpu\n";
  private static final String V1_CPU_CPUACCT =
      "33 25 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct\n";
  private static final String V1_CPUSET = "34 25 0:30 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset\n";
  private static final String V2 = "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate\n";
  private static final String V2_HYBRID = "35 25 0:31 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n";

  @TempDir
  Path root;

  @Test
  void cgroupV1PutsTheGroupUnderTheServersOwnCpuGroupAndMakesItIdle() throws IOException {
    Path own = root.resolve("sys/fs/cgroup/cpu/services/browsergrid");
    Path group = kernelMadeGroup(own, "cpu.idle", "0");

    BrowserCpuGroup found = find("3:cpuset:/\n1:cpu:/services/browsergrid\n0::/\n", V1_CPUSET + V1_CPU + V2_HYBRID);

    assertThat(found.dir()).isEqualTo(group);
    assertThat(group.resolve("cpu.idle")).hasContent("1");
  }

  @Test
  void cgroupV1WithCpuAndCpuacctMountedTogetherAndAnOldKernelGetsTheSmallestShares() throws IOException {
    Path group = kernelMadeGroup(root.resolve("sys/fs/cgroup/cpu,cpuacct"), "cpu.shares", "1024");

    BrowserCpuGroup found = find("2:cpu,cpuacct:/\n", V1_CPU_CPUACCT);

    assertThat(found.dir()).isEqualTo(group);
    assertThat(group.resolve("cpu.shares")).hasContent("2");
  }

  @Test
  void aContainerSeesItsHierarchyFromItsOwnFolder() throws IOException {
    Path group = kernelMadeGroup(root.resolve("sys/fs/cgroup/cpu/job"), "cpu.idle", "0");
    String mountedFromContainerFolder =
        "33 25 0:29 /docker/abc /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n";

    BrowserCpuGroup found = find("1:cpu:/docker/abc/job\n", mountedFromContainerFolder);

    assertThat(found.dir()).isEqualTo(group);
  }

  @Test
  void cgroupV2EnablesTheCpuControllerForChildrenAndMakesTheGroupIdle() throws IOException {
    Path own = Files.createDirectories(root.resolve("sys/fs/cgroup"));
    Files.writeString(own.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    Files.writeString(own.resolve("cgroup.subtree_control"), "");
    Path group = kernelMadeGroup(own, "cpu.weight", "100");

    BrowserCpuGroup found = find("0::/\n", V2);

    assertThat(found.dir()).isEqualTo(group);
    assertThat(own.resolve("cgroup.subtree_control")).hasContent("+cpu");
    assertThat(group.resolve("cpu.weight")).hasContent("1");
  }

  @Test
  void cgroupV2WithoutTheCpuControllerIsRefusedWithTheReason() throws IOException {
    Path own = Files.createDirectories(root.resolve("sys/fs/cgroup/user.slice"));
    Files.writeString(own.resolve("cgroup.controllers"), "memory pids\n");

    assertThatThrownBy(() -> find("0::/user.slice\n", V2))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CPU controller is not available");
    assertThat(own.resolve(BrowserCpuGroup.NAME)).doesNotExist();
  }

  @Test
  void noCgroupMountedIsRefusedWithTheReason() {
    assertThatThrownBy(() -> find("0::/\n", "22 1 0:21 / /proc rw - proc proc rw\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no cgroup hierarchy");
  }

  @Test
  void aGroupWhoseProcessesCannotBeMovedIsRefused() throws IOException {
    Path own = Files.createDirectories(root.resolve("sys/fs/cgroup/cpu"));
    Files.createDirectories(own.resolve(BrowserCpuGroup.NAME));

    assertThatThrownBy(() -> find("1:cpu:/\n", V1_CPU))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot move processes");
  }

  /** What the kernel creates with a group's folder: its control files. */
  private static Path kernelMadeGroup(Path parent, String weightFile, String value) throws IOException {
    Path group = Files.createDirectories(parent.resolve(BrowserCpuGroup.NAME));
    Files.writeString(group.resolve(weightFile), value);
    Files.writeString(group.resolve("cgroup.procs"), "");
    return group;
  }

  private BrowserCpuGroup find(String cgroup, String mountInfo) throws IOException {
    return BrowserCpuGroup.find(Files.writeString(root.resolve("cgroup"), cgroup),
        Files.writeString(root.resolve("mountinfo"), mountInfo), root);
  }
}
