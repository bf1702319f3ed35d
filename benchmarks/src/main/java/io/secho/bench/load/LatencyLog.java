package io.secho.bench.load;

import java.util.Arrays;
import java.util.List;

/** Every latency of one thread, in nanoseconds; merged and sorted once at the end for the percentiles. */
final class LatencyLog {
    /** Beyond this many samples per thread the rest are counted but not kept (a very long run). */
    private static final int MAX_SAMPLES = 1 << 24;

    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            if (size == MAX_SAMPLES) {
                return;
            }
            samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, size * 2));
        }
        samples[size++] = nanos;
    }

    static Percentiles merge(List<LatencyLog> logs) {
        int total = logs.stream().mapToInt(log -> log.size).sum();
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.samples, 0, all, at, log.size);
            at += log.size;
        }
        Arrays.sort(all);
        return new Percentiles(percentile(all, 0.50), percentile(all, 0.99), total);
    }

    /** Nearest-rank percentile; 0 for no samples. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
