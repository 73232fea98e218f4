package io.browsergrid.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds (seconds). Thread-safe, lock-free. */
final class Histogram {
  private final double[] bounds;
  private final LongAdder[] counts;
  private final DoubleAdder sum = new DoubleAdder();
  private final LongAdder count = new LongAdder();

  Histogram(double[] bounds) {
    this.bounds = bounds.clone();
    this.counts = new LongAdder[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void observe(double value) {
    for (int i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        counts[i].increment();
      }
    }
    sum.add(value);
    count.increment();
  }

  /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines; {@code labels} like {@code a="b",}. */
  void render(StringBuilder out, String name, String labels) {
    for (int i = 0; i < bounds.length; i++) {
      out.append(name).append("_bucket{").append(labels).append("le=\"").append(bounds[i]).append("\"} ")
          .append(counts[i].sum()).append('\n');
    }
    out.append(name).append("_bucket{").append(labels).append("le=\"+Inf\"} ").append(count.sum()).append('\n');
    String plain = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
    out.append(name).append("_sum").append(plain).append(' ').append(sum.sum()).append('\n');
    out.append(name).append("_count").append(plain).append(' ').append(count.sum()).append('\n');
  }
}
