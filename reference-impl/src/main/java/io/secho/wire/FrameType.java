package io.secho.wire;

import java.util.Optional;

/** The first byte of every frame (spec: "Framing"). */
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

    public boolean isPlaintext() {
        return this != RECORD;
    }

    public static Optional<FrameType> fromCode(int code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
