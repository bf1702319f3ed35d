package io.secho.session;

import java.time.Duration;

/**
 * The protocol's time bounds (spec Table 15), and the drain's byte bound beside its time bound, each defined once for
 * the server and the client alike.
 */
public final class Timeouts {
    /** REQ-LIM-2, REQ-LIM-8: no handshake timeout, and no wait of a client for the server, may be longer. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** REQ-ALERT-4, REQ-CLOSE-12: after a final alert or Close, input is drained for at most this long. */
    public static final Duration MAX_DRAIN = Duration.ofSeconds(2);
    /** A peer that keeps sending while a side drains is closed on after this many bytes, whatever the time left. */
    public static final long MAX_DRAINED_BYTES = 1 << 20;

    private Timeouts() {
    }
}
