package io.secho.conformance.peer;

import java.util.Optional;

/**
 * Table 2's five frame types, in the table's order (codes 0x01 to 0x05, see {@link WireCodes}). Any other
 * type code is a {@code decode_error} (REQ-FRM-7).
 */
public enum FrameType implements WireCodes {
    CLIENT_HELLO,
    SERVER_HELLO,
    FINISHED,
    ALERT,
    RECORD;

    /** Every type but the record travels in the clear (Table 2). */
    public boolean isPlaintext() {
        return this != RECORD;
    }

    public static Optional<FrameType> fromCode(int code) {
        return WireCodes.byCode(values(), code);
    }
}
