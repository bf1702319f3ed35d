package io.secho.conformance.net;

import java.time.Duration;

/**
 * A case's hard time limit. Every wait of the case's connections ends by it, and the case's watchdog
 * closes them when it passes, so that no server can keep a case running longer (a server that never
 * reads would otherwise block a write for ever). A case that needs longer, to wait out a target's
 * timeout, extends it once, up front.
 */
public final class CaseClock {
    private final long startNanos;
    private volatile long deadlineNanos;
    private volatile Duration limit;

    private CaseClock(Duration limit) {
        this.startNanos = System.nanoTime();
        this.limit = limit;
        this.deadlineNanos = startNanos + limit.toNanos();
    }

    public static CaseClock startingNow(Duration limit) {
        return new CaseClock(limit);
    }

    /** For connections outside any case (readiness and suite probes): bounded by their own timeouts alone. */
    public static CaseClock unbounded() {
        return new CaseClock(Duration.ofDays(1));
    }

    /** Raises the limit to {@code total}, counted from the case's start; never lowers it. */
    public synchronized void extendTo(Duration total) {
        if (total.compareTo(limit) > 0) {
            limit = total;
            deadlineNanos = startNanos + total.toNanos();
        }
    }

    public Duration limit() {
        return limit;
    }

    public boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** {@code wanted}, or less when the case's limit comes first; never negative. */
    public Duration cap(Duration wanted) {
        long left = deadlineNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(0, Math.min(left, wanted.toNanos())));
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
