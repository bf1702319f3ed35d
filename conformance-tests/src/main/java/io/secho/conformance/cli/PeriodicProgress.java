package io.secho.conformance.cli;

import io.secho.conformance.report.Progress;

import java.io.PrintStream;

/**
 * Progress for a log (output that is not a terminal): a plain line every few seconds, so a long run shows
 * it is alive without a line per case or control characters.
 */
final class PeriodicProgress implements Progress {
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos = startNanos;

    PeriodicProgress(PrintStream err, long total) {
        this.err = err;
        this.total = total;
    }

    @Override
    public synchronized void judged(int judged, long failed, long blocked) {
        long now = System.nanoTime();
        if (now - lastLineNanos < EVERY_NANOS) {
            return;
        }
        lastLineNanos = now;
        err.println("  ... " + LiveProgress.line(judged, total, failed, blocked, (now - startNanos) / 1_000_000_000L));
        err.flush();
    }
}
