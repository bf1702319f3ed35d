package io.secho.conformance.cli;

import io.secho.conformance.report.Progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A counter on a terminal, rewritten in place while the cases run ({@code 57/349 judged, 2 FAIL}) and
 * erased before the summary is printed.
 */
final class LiveProgress implements Progress {
    /** Redrawn at most this often: a terminal cannot show more, and each redraw costs the cases' threads. */
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final String ERASE_LINE = "\r\033[K";

    private final PrintStream err;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private boolean drawn;

    LiveProgress(PrintStream err, long total) {
        this.err = err;
        this.total = total;
    }

    @Override
    public synchronized void judged(int judged, long failed, long blocked) {
        long now = System.nanoTime();
        if (drawn && judged < total && now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        drawn = true;
        err.print(ERASE_LINE + line(judged, total, failed, blocked, (now - startNanos) / 1_000_000_000L));
        err.flush();
    }

    @Override
    public synchronized void finished() {
        if (drawn) {
            err.print(ERASE_LINE);
            err.flush();
            drawn = false;
        }
    }

    /** The counter's text: also the periodic line of a log, so both read alike. */
    static String line(int judged, long total, long failed, long blocked, long seconds) {
        return String.format(Locale.ROOT, "%d/%d judged, %d FAIL, %d BLOCKED, %d s", judged, total, failed, blocked,
                seconds);
    }
}
