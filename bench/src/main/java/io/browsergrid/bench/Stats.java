package io.browsergrid.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a sample (this machine is noisy: report medians and tails, not means). */
record Stats(List<Double> sorted) {
  static Stats of(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return new Stats(copy);
  }

  double p(double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  double median() {
    return p(0.5);
  }
}
