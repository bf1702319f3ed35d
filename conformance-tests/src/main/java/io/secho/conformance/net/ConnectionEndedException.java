package io.secho.conformance.net;

import java.io.IOException;

/** A frame was expected but the connection ended (or stayed silent) first. */
public final class ConnectionEndedException extends IOException {
    private final Observed observed;

    public ConnectionEndedException(String expected, Observed observed) {
        super("expected " + expected + ", but got " + observed.describe());
        this.observed = observed;
    }

    public Observed observed() {
        return observed;
    }
}
