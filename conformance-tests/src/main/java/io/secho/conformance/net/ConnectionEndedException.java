package io.secho.conformance.net;

import java.io.IOException;

/**
 * What the harness waited for did not come: the connection ended, stayed silent until the limit, or
 * the server sent bytes that are no Secho frame. {@link #observed()} holds what came instead.
 */
public final class ConnectionEndedException extends IOException {
    private final String expected;
    private final Observed observed;

    public ConnectionEndedException(String expected, Observed observed) {
        super("expected " + expected + ", received " + observed.describe());
        this.expected = expected;
        this.observed = observed;
    }

    /** Bytes that cannot start a frame came where a frame was expected. */
    public static ConnectionEndedException notAFrame(String expected, Observed observed) {
        return new ConnectionEndedException(expected, observed, "no Secho frame: ");
    }

    private ConnectionEndedException(String expected, Observed observed, String prefix) {
        super("expected " + expected + ", received " + prefix + observed.describe());
        this.expected = expected;
        this.observed = observed;
    }

    public String expected() {
        return expected;
    }

    public Observed observed() {
        return observed;
    }

    /** What came instead, in words, without the "expected" part. */
    public String received() {
        String message = getMessage();
        return message.substring(message.indexOf(", received ") + ", received ".length());
    }
}
