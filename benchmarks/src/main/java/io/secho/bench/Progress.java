package io.secho.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on standard error, with the time since the run began, so stdout holds only the report. */
public final class Progress {
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void say(String message) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        out.println(String.format(Locale.ROOT, "[%d:%02d] %s", seconds / 60, seconds % 60, message));
    }
}
