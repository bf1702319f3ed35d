package io.secho.conformance.net;

/** How a connection ended, as observed from the harness's side; never guessed. */
public enum Ending {
    /** An orderly end of stream: the read returned EOF. */
    FIN("FIN (orderly close)"),
    /** The read failed with a connection reset. */
    RESET("TCP reset"),
    /** Nothing ended the connection before the time limit; this is never taken for a close. */
    OPEN_AT_TIME_LIMIT("still open at the time limit");

    private final String description;

    Ending(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
