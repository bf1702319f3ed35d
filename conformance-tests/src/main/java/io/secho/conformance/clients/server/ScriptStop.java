package io.secho.conformance.clients.server;

/**
 * A step of a script found the client doing something else than the step needs (another frame, a wrong MAC,
 * the connection ended): the script stops there. Before the script's probe that is a precondition that failed
 * (the case is BLOCKED); from the probe on, the client's answer (the case FAILS).
 */
public final class ScriptStop extends RuntimeException {
    private final String expected;
    private final String received;

    public ScriptStop(String expected, String received) {
        super("expected " + expected + "; received " + received);
        this.expected = expected;
        this.received = received;
    }

    /** What the step needed, in words. */
    public String expected() {
        return expected;
    }

    /** What the client did instead, in words. */
    public String received() {
        return received;
    }
}
