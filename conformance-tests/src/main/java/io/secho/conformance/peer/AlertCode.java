package io.secho.conformance.peer;

import java.util.Arrays;
import java.util.Optional;

/** Table 13: every alert code and its name. Every alert is fatal. */
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

    /** The name Table 13 and the vector files use. */
    public String wireName() {
        return wireName;
    }

    /** Empty for a code Table 13 does not list; a receiver still closes on it (REQ-ALERT-8). */
    public static Optional<AlertCode> fromCode(int code) {
        return Arrays.stream(values()).filter(alert -> alert.code == code).findFirst();
    }

    public static Optional<AlertCode> fromWireName(String name) {
        return Arrays.stream(values()).filter(alert -> alert.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return String.format("%s (0x%02x)", wireName, code);
    }
}
