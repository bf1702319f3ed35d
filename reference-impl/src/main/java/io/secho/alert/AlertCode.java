package io.secho.alert;

import java.util.Optional;

/** The fatal alerts of Secho v1 (spec section "Alerts"). Every alert ends the connection. */
public enum AlertCode {
    DECODE_ERROR(0x01, "decode_error"),
    UNSUPPORTED_VERSION(0x02, "unsupported_version"),
    UNSUPPORTED_SUITE(0x03, "unsupported_suite"),
    ILLEGAL_PARAMETER(0x04, "illegal_parameter"),
    HANDSHAKE_FAILURE(0x05, "handshake_failure"),
    BAD_RECORD_MAC(0x06, "bad_record_mac"),
    UNEXPECTED_MESSAGE(0x07, "unexpected_message"),
    RECORD_OVERFLOW(0x08, "record_overflow"),
    BAD_SEQUENCE(0x09, "bad_sequence"),
    BAD_PAYLOAD(0x0A, "bad_payload"),
    TIMEOUT(0x0B, "timeout"),
    INTERNAL_ERROR(0x0C, "internal_error"),
    BUSY(0x0D, "busy");

    private final int code;
    private final String wireName;

    AlertCode(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    /** The name the spec uses, e.g. {@code bad_record_mac}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<AlertCode> fromCode(int code) {
        for (AlertCode alert : values()) {
            if (alert.code == code) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    public static Optional<AlertCode> fromWireName(String name) {
        for (AlertCode alert : values()) {
            if (alert.wireName.equals(name)) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName + String.format(" (0x%02x)", code);
    }
}
