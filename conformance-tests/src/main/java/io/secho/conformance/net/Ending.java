package io.secho.conformance.net;

/** How a connection ended, as observed from the harness's side; never guessed. */
public enum Ending {
    /** An orderly end of stream: the read returned EOF. */
    FIN("FIN (orderly close)"),
    /** The read failed with a connection reset. */
    RESET("TCP reset"),
    /** Nothing ended the connection before the time limit; this is never taken for a close. */
    OPEN_AT_TIME_LIMIT("still open at the time limit"),
    /** The case's own hard time limit passed first: the connection was still open then. */
    CASE_TIME_LIMIT("still open when the case's time limit passed"),
    /**
     * The server had sent more than the case can use, so the harness stopped reading: the verdict was
     * decided, and the rest is not kept (memory stays bounded whatever a server sends).
     */
    STILL_SENDING("still sending when the harness stopped reading"),
    /** Bytes that are no Secho frame came: the harness read a little more to show them, and stopped. */
    NOT_READ_FURTHER("not read further (no Secho frame)");

    private final String description;

    Ending(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True when the server itself ended the connection, as opposed to the harness giving up waiting. */
    public boolean closedByServer() {
        return this == FIN || this == RESET;
    }
}
