package io.secho.conformance.net;

/** The server's side of a handshake the harness started was not what the spec requires. */
public final class HandshakeProblem extends Exception {
    public HandshakeProblem(String message) {
        super(message);
    }
}
