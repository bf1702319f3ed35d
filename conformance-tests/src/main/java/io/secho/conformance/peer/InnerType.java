package io.secho.conformance.peer;

import java.util.Optional;

/**
 * The inner types of Section 9.1 in order (data 0x01, close 0x02, alert 0x03, see {@link WireCodes}); any
 * other code is a {@code decode_error} (REQ-REC-10).
 */
public enum InnerType implements WireCodes {
    DATA,
    CLOSE,
    ALERT;

    public static Optional<InnerType> fromCode(int code) {
        return WireCodes.byCode(values(), code);
    }
}
