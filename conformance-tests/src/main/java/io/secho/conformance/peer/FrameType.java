package io.secho.conformance.peer;

import java.util.Arrays;
import java.util.Optional;

/** Table 2: the five frame types of v1. Any other type code is a {@code decode_error} (REQ-FRM-7). */
public enum FrameType {
    CLIENT_HELLO(0x01),
    SERVER_HELLO(0x02),
    FINISHED(0x03),
    ALERT(0x04),
    RECORD(0x05);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Types 0x01 to 0x04 travel in the clear; only a record is protected (Table 2). */
    public boolean isPlaintext() {
        return this != RECORD;
    }

    public static Optional<FrameType> fromCode(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
    }
}
