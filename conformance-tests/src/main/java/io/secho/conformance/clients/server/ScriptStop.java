package io.secho.conformance.clients.server;

import io.secho.conformance.net.ReceivedSomethingElse;

/**
 * A step of a script found the client doing something else than the step needs (another frame, a wrong MAC,
 * the connection ended): the script stops there. Before the script's probe that is a precondition that failed
 * (the case is BLOCKED); from the probe on, the client's answer (the case FAILS). Unchecked, so that a script
 * is a plain lambda; what was expected and received are the harness's usual pair.
 */
public final class ScriptStop extends RuntimeException {
    public ScriptStop(String expected, String received) {
        this(new ReceivedSomethingElse(expected, received));
    }

    private ScriptStop(ReceivedSomethingElse what) {
        super(what.getMessage(), what);
    }

    /** What the step needed, in words. */
    public String expected() {
        return ((ReceivedSomethingElse) getCause()).expected();
    }

    /** What the client did instead, in words. */
    public String received() {
        return ((ReceivedSomethingElse) getCause()).received();
    }
}
