package io.wxplatform.bench.callback;

import java.util.Arrays;

/** Latencies of one phase in nanoseconds; percentiles by nearest rank over the sorted samples. */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] samples, int count) {
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    double percentileMillis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }

    int count() {
        return sorted.length;
    }
}
