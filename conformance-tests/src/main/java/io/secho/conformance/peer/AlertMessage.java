package io.secho.conformance.peer;

import java.util.Optional;

/**
 * Alerts on the wire (Section 12.2): a plaintext alert frame {@code 04 00 01 <code>} before the sender has
 * verified its peer's Finished, an encrypted record of inner type alert afterwards (REQ-ALERT-2); both
 * carry the one code byte.
 */
public final class AlertMessage {
    /** The body of a plaintext alert and the payload of an encrypted one: the code alone. */
    public static final int LENGTH = 1;

    private AlertMessage() {
    }

    public static byte[] encode(AlertCode alert) {
        return new byte[] {(byte) alert.code()};
    }

    /** The 4-byte plaintext alert frame. */
    public static Frame plaintextFrame(AlertCode alert) {
        return new Frame(FrameType.ALERT, encode(alert));
    }

    /**
     * The code a received alert body carries, known or not (REQ-ALERT-8: a receiver closes on any code).
     *
     * @return empty for a body that is not exactly 1 byte: a malformed alert, which the receiver counts as
     *         {@code decode_error} for its own report but never answers (REQ-ALERT-10)
     */
    public static Optional<Integer> code(byte[] body) {
        return body.length == LENGTH ? Optional.of(body[0] & 0xff) : Optional.empty();
    }
}
