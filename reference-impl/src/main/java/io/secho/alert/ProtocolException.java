package io.secho.alert;

/**
 * The peer broke a rule of the spec. Carries the alert that the spec requires in answer, so that the
 * connection driver, and only it, decides how to send it.
 */
public final class ProtocolException extends Exception {
    private final AlertCode alert;

    public ProtocolException(AlertCode alert, String detail) {
        super(detail);
        this.alert = alert;
    }

    public ProtocolException(AlertCode alert, String detail, Throwable cause) {
        super(detail, cause);
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
