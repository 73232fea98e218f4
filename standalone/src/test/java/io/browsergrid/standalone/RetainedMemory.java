package io.browsergrid.standalone;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the in-process server holds: the test JVM's heap in use after a full collection plus Netty's pooled buffers
 * (what an abusive client can pin) and its resident set, for the abuse tests to sample before, during and after an
 * attack.
 */
final class RetainedMemory {
  private RetainedMemory() {}

  /**
   * MiB still in use after a full collection: the heap, and Netty's pooled buffers (direct and heap arenas), where
   * request bytes and unsent answers wait.
   */
  static long heapMiB() {
    System.gc();
    System.gc();
    PooledByteBufAllocatorMetric netty = PooledByteBufAllocator.DEFAULT.metric();
    return (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + netty.usedDirectMemory()
        + netty.usedHeapMemory()) >> 20;
  }

  /** MiB resident now. */
  static long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
      throw new IllegalStateException("no VmRSS in /proc/self/status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "heap N MiB, RSS M MiB", for a test's output. */
  static String describe(long heapMiB) {
    return "heap and Netty buffers " + heapMiB + " MiB, RSS " + rssMiB() + " MiB";
  }
}
