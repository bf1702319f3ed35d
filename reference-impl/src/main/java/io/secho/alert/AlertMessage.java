package io.secho.alert;

import io.secho.wire.Frame;
import io.secho.wire.FrameType;

/** The body of an alert, plaintext frame or encrypted inner payload alike: one byte, the code. */
public final class AlertMessage {
    public static final int LENGTH = 1;

    private AlertMessage() {
    }

    public static byte[] encode(AlertCode alert) {
        return new byte[] {(byte) alert.code()};
    }

    public static Frame plaintextFrame(AlertCode alert) {
        return new Frame(FrameType.ALERT, encode(alert));
    }

    /** @return the raw code, which may be one this implementation does not know */
    public static int decode(byte[] body) throws ProtocolException {
        if (body.length != LENGTH) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, "alert must be 1 byte, was " + body.length);
        }
        return body[0] & 0xff;
    }
}
