package io.secho.conformance.clients.server;

import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.Direction;
import io.secho.conformance.peer.Frame;
import io.secho.conformance.peer.FrameLimits;
import io.secho.conformance.peer.FrameType;

import java.util.Locale;

/** Frames as bytes, and the names of frame types and alerts as the test server's traces and failures word them. */
public final class Wire {
    private Wire() {
    }

    public static byte[] header(int type, int length) {
        return Frame.header(type, length);
    }

    public static byte[] frame(int type, byte[] body) {
        byte[] frame = new byte[FrameLimits.HEADER_LENGTH + body.length];
        System.arraycopy(header(type, body.length), 0, frame, 0, FrameLimits.HEADER_LENGTH);
        System.arraycopy(body, 0, frame, FrameLimits.HEADER_LENGTH, body.length);
        return frame;
    }

    /** The largest body the server accepts from a client for this type (C -> S, Table 2). */
    static int maxClientBody(int type) {
        return FrameType.fromCode(type).map(t -> FrameLimits.maxBody(t, Direction.CLIENT_TO_SERVER))
                .orElse(FrameLimits.MAX_PLAINTEXT_BODY);
    }

    public static String typeName(int type) {
        return FrameType.fromCode(type).map(t -> t.name().toLowerCase(Locale.ROOT))
                .orElse(String.format(Locale.ROOT, "unknown type 0x%02x", type));
    }

    public static String alertName(int code) {
        return AlertCode.fromCode(code).map(AlertCode::wireName).orElse(String.format(Locale.ROOT,
                "unknown alert 0x%02x", code));
    }
}
