package io.secho.conformance.peer;

import java.util.Optional;

/**
 * Alerts on the wire (Section 12.2). Before the sender has verified its peer's Finished an alert is the
 * plaintext frame {@code 04 00 01 <code>}; afterwards it is a record of inner type alert (REQ-ALERT-2),
 * sealed like any record. Either way the body is the code byte alone.
 */
public final class AlertMessage {
    /** A plaintext alert's body and an encrypted alert's payload: one byte. */
    public static final int LENGTH = 1;

    private AlertMessage() {
    }

    /**
     * What a received alert body carries: any code, listed in Table 13 or not (REQ-ALERT-8: the receiver
     * closes either way). Empty for a body that is not exactly one byte, which the receiver counts as a
     * {@code decode_error} for its own report but never answers (REQ-ALERT-10).
     */
    public static Optional<Integer> code(byte[] body) {
        if (body.length != LENGTH) {
            return Optional.empty();
        }
        return Optional.of(body[0] & 0xff);
    }

    /** The complete 4-byte plaintext alert. */
    public static Frame plaintextFrame(AlertCode alert) {
        return Frame.parse(new byte[] {(byte) FrameType.ALERT.code(), 0, LENGTH, (byte) alert.code()});
    }

    /** The code byte, as a plaintext alert's body or an encrypted alert's payload. */
    public static byte[] encode(AlertCode alert) {
        return plaintextFrame(alert).body();
    }
}
