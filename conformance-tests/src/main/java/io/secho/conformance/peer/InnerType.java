package io.secho.conformance.peer;

import java.util.Arrays;
import java.util.Optional;

/** The inner types of a record (Section 9.1); any other code is a {@code decode_error} (REQ-REC-10). */
public enum InnerType {
    DATA(0x01),
    CLOSE(0x02),
    ALERT(0x03);

    private final int code;

    InnerType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<InnerType> fromCode(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
    }
}
