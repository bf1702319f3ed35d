package io.secho.conformance.peer;

import java.util.Locale;
import java.util.Optional;

/**
 * Table 13, in the table's order: each alert's code is its row number (0x01 to 0x0D, see {@link WireCodes})
 * and its name is the constant's name in lower case. Every alert is fatal.
 */
public enum AlertCode implements WireCodes {
    DECODE_ERROR,
    UNSUPPORTED_VERSION,
    UNSUPPORTED_SUITE,
    ILLEGAL_PARAMETER,
    HANDSHAKE_FAILURE,
    BAD_RECORD_MAC,
    UNEXPECTED_MESSAGE,
    RECORD_OVERFLOW,
    BAD_SEQUENCE,
    BAD_PAYLOAD,
    TIMEOUT,
    INTERNAL_ERROR,
    BUSY;

    /** The name Table 13 and the vector files use, such as {@code bad_record_mac}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Empty for a code Table 13 does not list; a receiver still closes on it (REQ-ALERT-8). */
    public static Optional<AlertCode> fromCode(int code) {
        return WireCodes.byCode(values(), code);
    }

    public static Optional<AlertCode> fromWireName(String name) {
        for (AlertCode row : values()) {
            if (row.wireName().equals(name)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return String.format("%s (0x%02x)", wireName(), code());
    }
}
