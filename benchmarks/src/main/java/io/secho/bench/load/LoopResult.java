package io.secho.bench.load;

import java.util.Optional;

/**
 * What a {@link ClosedLoop} measured inside its window.
 *
 * @param allOperations operations completed at any time, warm-up included
 */
public record LoopResult(long operations, long allOperations, long bytes, long errors, Optional<String> firstError, double seconds,
                         Percentiles latency) {
    public double operationsPerSecond() {
        return operations / seconds;
    }

    /** Payload megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }
}
