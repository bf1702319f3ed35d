package io.secho.conformance.clients.server;

import java.util.Optional;

/**
 * When the test server stops waiting for a client: at the run's limit, or shortly after the client exited (its
 * connection ends with it, unless a process it started still holds it). Every wait of the test server asks it.
 */
public final class RunClock {
    /** After the client exited, how long its connection may take to end (the OS closes it at once). */
    static final long EXIT_GRACE_NANOS = 2_000_000_000L;

    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private volatile long exitNanos;
    private volatile boolean exited;

    public RunClock(long limitMillis) {
        this.deadlineNanos = startNanos + limitMillis * 1_000_000L;
    }

    /** The client process exited: waits end soon. */
    public void clientExited() {
        exitNanos = System.nanoTime();
        exited = true;
    }

    /** Why waiting is over, if it is. */
    public Optional<ClientEnding> over() {
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
            return Optional.of(ClientEnding.OPEN_AT_LIMIT);
        }
        if (exited && now - exitNanos >= EXIT_GRACE_NANOS) {
            return Optional.of(ClientEnding.OPEN_AFTER_EXIT);
        }
        return Optional.empty();
    }

    /** True when the client exited at least {@code nanos} ago. */
    boolean exitedFor(long nanos) {
        return exited && System.nanoTime() - exitNanos >= nanos;
    }

    /** Milliseconds left before the run's limit; 0 when it has passed. */
    long millisLeft() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }
}
