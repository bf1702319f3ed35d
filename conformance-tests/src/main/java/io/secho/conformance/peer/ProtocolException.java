package io.secho.conformance.peer;

/**
 * A check of the spec failed. {@link #alert()} is the alert the spec names for that check (REQ-ALERT-1); the
 * message says what was wrong, for a report, and never holds key material or plaintext.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final AlertCode alert;

    public ProtocolException(AlertCode alert, String what) {
        // No stack trace: this is the outcome of a check on a peer's input, not a fault of the harness.
        super(what, null, false, false);
        this.alert = alert;
    }

    public AlertCode alert() {
        return alert;
    }
}
