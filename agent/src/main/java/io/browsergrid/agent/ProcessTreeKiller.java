package io.browsergrid.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SIGKILLs a process, its descendants and every member of the process group it leads, and waits until they are
 * gone. The group catches children that were re-parented away from the tree when their parent died first.
 */
final class ProcessTreeKiller {
  private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  // browsers run in an idle CPU group, so a tree may take long to exit while the server is busy: back off up to this
  private static final long LAST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ProcessTable table;
  private final Duration timeout;

  ProcessTreeKiller(ProcessTable table, Duration timeout) {
    this.table = table;
    this.timeout = timeout;
  }

  /** Kills the tree under {@code root}; true when nothing of it runs any more, false if some survived the timeout. */
  boolean kill(ProcessHandle root) {
    Map<Long, ProcessHandle> targets = new LinkedHashMap<>();
    targets.put(root.pid(), root);
    // snapshot before the first kill: once the root dies its children are re-parented and no longer descendants
    root.descendants().forEach(child -> targets.putIfAbsent(child.pid(), child));
    long deadline = System.nanoTime() + timeout.toNanos();
    // a scan of the whole process table is what costs here: one before the first kill, then one more each time the
    // known targets are gone, to catch a group member forked meanwhile; between scans only the targets are checked
    boolean scan = true;
    long poll = FIRST_POLL_NANOS;
    while (true) {
      if (scan) {
        for (ProcessTable.Entry entry : table.entries()) {
          if (entry.pgid() == root.pid() && entry.running()) {
            ProcessHandle.of(entry.pid()).ifPresent(member -> targets.putIfAbsent(member.pid(), member));
          }
        }
      }
      targets.values().removeIf(handle -> !running(handle));
      if (targets.isEmpty()) {
        if (scan) {
          return true;
        }
        scan = true;
        continue;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      targets.values().forEach(ProcessHandle::destroyForcibly);
      scan = false;
      pause(poll);
      poll = Math.min(poll * 2, LAST_POLL_NANOS);
    }
  }

  private boolean running(ProcessHandle handle) {
    return handle.isAlive() && table.entry(handle.pid()).map(ProcessTable.Entry::running).orElse(false);
  }

  private static void pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
