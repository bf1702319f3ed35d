package io.secho.lab;

/** The peer sent something the lab protocol cannot take: a record that does not open, a bad DH key. */
public final class LabProtocolException extends Exception {
    public LabProtocolException(String message) {
        super(message);
    }

    public LabProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
