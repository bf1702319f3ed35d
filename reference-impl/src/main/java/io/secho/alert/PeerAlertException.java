package io.secho.alert;

import java.util.Optional;

/** The peer sent a fatal alert; the connection is over and nothing more may be sent. */
public final class PeerAlertException extends Exception {
    private final int code;
    private final boolean encrypted;

    public PeerAlertException(int code, boolean encrypted) {
        super("peer sent alert " + AlertCode.fromCode(code).map(AlertCode::toString)
                .orElse(String.format("unknown (0x%02x)", code))
                + (encrypted ? " (encrypted)" : " (plaintext)"));
        this.code = code;
        this.encrypted = encrypted;
    }

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
