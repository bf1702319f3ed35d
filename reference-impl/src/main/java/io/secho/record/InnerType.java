package io.secho.record;

import java.util.Optional;

/** The first byte of a record's plaintext: what the payload is. */
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
        for (InnerType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
