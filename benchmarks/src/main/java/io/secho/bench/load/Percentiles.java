package io.secho.bench.load;

/** Latency percentiles in nanoseconds, over {@code samples} operations. */
public record Percentiles(long p50Nanos, long p99Nanos, int samples) {
    public double p50Micros() {
        return p50Nanos / 1e3;
    }

    public double p99Micros() {
        return p99Nanos / 1e3;
    }
}
