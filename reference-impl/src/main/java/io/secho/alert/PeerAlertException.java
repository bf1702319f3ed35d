package io.secho.alert;

import java.util.Optional;

/** The peer sent a fatal alert; the connection is over and nothing more may be sent. */
public final class PeerAlertException extends Exception {
    /** The code reported for a plaintext alert whose body is not exactly one byte. */
    public static final int MALFORMED = -1;

    private final int code;
    private final boolean encrypted;

    public PeerAlertException(int code, boolean encrypted) {
        this(code, encrypted, "peer sent alert " + AlertCode.fromCode(code).map(AlertCode::toString)
                .orElse(String.format("unknown (0x%02x)", code))
                + (encrypted ? " (encrypted)" : " (plaintext)"));
    }

    private PeerAlertException(int code, boolean encrypted, String message) {
        super(message);
        this.code = code;
        this.encrypted = encrypted;
    }

    /** A plaintext alert frame whose body is not 1 byte: still the end of the connection. */
    public static PeerAlertException malformed(int bodyLength) {
        return new PeerAlertException(MALFORMED, false,
                "peer sent a malformed plaintext alert (" + bodyLength + " bytes instead of 1)");
    }

    /** The raw code, or {@link #MALFORMED}. */
    public int code() {
        return code;
    }

    public Optional<AlertCode> alert() {
        return AlertCode.fromCode(code);
    }

    public boolean encrypted() {
        return encrypted;
    }
}
