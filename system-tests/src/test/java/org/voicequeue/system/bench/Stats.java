package org.voicequeue.system.bench;

import java.util.Arrays;
import tools.jackson.databind.node.ObjectNode;

/** Percentiles by the nearest-rank method (p99 of 50 samples is the largest but none). */
record Stats(double[] sorted) {
    static Stats of(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Stats(copy);
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    ObjectNode json() {
        ObjectNode node = PlatformBench.object();
        node.put("n", sorted.length);
        if (sorted.length == 0) {
            return node;
        }
        node.put("min", PlatformBench.round(sorted[0], 1));
        node.put("p50", PlatformBench.round(percentile(50), 1));
        node.put("p95", PlatformBench.round(percentile(95), 1));
        node.put("p99", PlatformBench.round(percentile(99), 1));
        node.put("max", PlatformBench.round(sorted[sorted.length - 1], 1));
        node.put("mean", PlatformBench.round(Arrays.stream(sorted).average().orElse(Double.NaN), 1));
        return node;
    }
}
