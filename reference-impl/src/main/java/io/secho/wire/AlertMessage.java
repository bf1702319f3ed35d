package io.secho.wire;

import io.secho.alert.AlertCode;
import io.secho.alert.PeerAlertException;

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

    /**
     * The peer's plaintext alert frame, as the exception that ends the connection. A malformed one
     * (not exactly 1 byte) ends it too, and is never answered with an alert of our own (REQ-ALERT-10).
     */
    public static PeerAlertException received(Frame frame) {
        byte[] body = frame.body();
        return body.length == LENGTH
                ? new PeerAlertException(body[0] & 0xff, false)
                : PeerAlertException.malformed(body.length);
    }
}
