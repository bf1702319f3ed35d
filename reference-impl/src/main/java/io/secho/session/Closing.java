package io.secho.session;

import java.nio.ByteBuffer;

/**
 * The closing procedure as state, shared by both sessions (REQ-ALERT-4, REQ-CLOSE-12): once a session is
 * CLOSED its driver writes what is left (an alert or a Close at most), half-closes, and then input is read and
 * discarded until EOF or for the drain time at most, before the socket is closed. Never a plain close with
 * input unread: that is a reset (REQ-ALERT-5).
 */
final class Closing {
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final long drainNanos;
    private boolean started;
    private boolean graceful;
    private boolean halfClosed;
    private boolean eofSeen;
    private boolean done;
    private long drainDeadline = NO_DEADLINE;
    private long discarded;

    Closing(long drainNanos) {
        this.drainNanos = drainNanos;
    }

    /** @param graceful false only when the transport failed or the connection is given up: close at once */
    void begin(boolean graceful) {
        if (started) {
            return;
        }
        started = true;
        this.graceful = graceful;
        done = !graceful;
    }

    boolean started() {
        return started;
    }

    boolean wantsHalfClose(boolean outputWritten) {
        return started && !done && !halfClosed && outputWritten;
    }

    void halfClosed(long nowNanos) {
        halfClosed = true;
        if (eofSeen || drainNanos <= 0) {
            done = true;
        } else {
            drainDeadline = nowNanos + drainNanos;
        }
    }

    /** CLOSED discards every input byte, buffered or arriving later (Tables 8 and 9). */
    void discard(ByteBuffer in) {
        discarded += in.remaining();
        in.position(in.limit());
        if (halfClosed && discarded > Timeouts.MAX_DRAINED_BYTES) {
            done = true;
        }
    }

    /** Ends at once, without the drain: the transport is broken, or the server gives the connection up. */
    void abandon() {
        started = true;
        done = true;
    }

    void eof() {
        eofSeen = true;
        if (halfClosed) {
            done = true;
        }
    }

    void tick(long nowNanos) {
        if (halfClosed && nowNanos - drainDeadline >= 0) {
            done = true;
        }
    }

    long deadline() {
        return halfClosed && !done ? drainDeadline : NO_DEADLINE;
    }

    boolean done() {
        return done;
    }

    boolean graceful() {
        return graceful;
    }
}
