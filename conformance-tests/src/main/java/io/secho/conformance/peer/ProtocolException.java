package io.secho.conformance.peer;

/** A check of the spec failed: {@link #alert()} is the alert the spec names for it (REQ-ALERT-1). */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final AlertCode alert;

    public ProtocolException(AlertCode alert, String detail) {
        super(detail);
        this.alert = alert;
    }

    public AlertCode alert() {
        return alert;
    }

    @Override
    public String toString() {
        return alert.wireName() + ": " + getMessage();
    }
}
