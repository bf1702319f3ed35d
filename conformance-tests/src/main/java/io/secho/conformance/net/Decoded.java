package io.secho.conformance.net;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameType;

import java.util.Locale;

/** Plain-language descriptions of frames for traces and failure messages. */
public final class Decoded {
    private Decoded() {
    }

    public static String describeFrame(Frame frame) {
        if (frame.type() == FrameType.ALERT) {
            return frame.length() == 1 ? "plaintext alert " + alertName(frame.body()[0] & 0xff)
                    : "malformed plaintext alert (" + frame.length() + " bytes)";
        }
        return frame.type().name().toLowerCase(Locale.ROOT) + " frame (" + frame.length() + " body bytes)";
    }

    public static String alertName(int code) {
        return AlertCode.fromCode(code).map(AlertCode::toString).orElse(String.format("unknown alert 0x%02x", code));
    }
}
