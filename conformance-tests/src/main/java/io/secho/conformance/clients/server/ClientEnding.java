package io.secho.conformance.clients.server;

/** How the client's side of the connection ended, as the test server saw it; never guessed. */
public enum ClientEnding {
    /** An orderly end of stream from the client: the read returned EOF. */
    FIN("FIN (orderly close)"),
    /** The read failed with a connection reset. */
    RESET("TCP reset"),
    /** The client exited, yet the connection stayed open (a process it started holds it). */
    OPEN_AFTER_EXIT("still open after the client exited"),
    /** Still open when the run's time limit passed. */
    OPEN_AT_LIMIT("still open when the run's time limit passed"),
    /** The client sent more than the test server reads, or bytes that are no frame: it stopped reading. */
    NOT_READ_FURTHER("not read further"),
    /** The test server closed or reset the connection itself, as the case's script said. */
    CLOSED_BY_SERVER("closed by the test server"),
    /** The client never connected. */
    NEVER_CONNECTED("never connected");

    private final String description;

    ClientEnding(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
