package io.secho.conformance.clients.server;

import io.secho.conformance.peer.AlertCode;

import java.util.Locale;

/** The spec's wire constants the test server needs (Tables 2, 11 and 13), and frame headers. */
public final class Wire {
    public static final int CLIENT_HELLO = 0x01;
    public static final int SERVER_HELLO = 0x02;
    public static final int FINISHED = 0x03;
    public static final int ALERT = 0x04;
    public static final int RECORD = 0x05;
    public static final int HEADER = 3;
    public static final int MAX_PLAINTEXT_BODY = 1024;
    public static final int MAX_RECORD_C2S = 16413;
    public static final int MAX_RECORD_S2C = 49181;
    public static final int MIN_RECORD = 29;
    public static final int MAX_REPLY_PAYLOAD = 49152;
    public static final int SALT = 4;
    public static final int SEQ = 8;
    public static final int NONCE = SALT + SEQ;
    public static final int TAG = 16;
    public static final int INNER_DATA = 0x01;
    public static final int INNER_CLOSE = 0x02;
    public static final int INNER_ALERT = 0x03;
    public static final int VERSION_1 = 0x0001;
    public static final int RANDOM = 32;
    public static final int HELLO_FIXED = 37;
    public static final int VERIFY_DATA = 32;

    private Wire() {
    }

    public static byte[] header(int type, int length) {
        return new byte[] {(byte) type, (byte) (length >>> 8), (byte) length};
    }

    public static byte[] frame(int type, byte[] body) {
        byte[] frame = new byte[HEADER + body.length];
        System.arraycopy(header(type, body.length), 0, frame, 0, HEADER);
        System.arraycopy(body, 0, frame, HEADER, body.length);
        return frame;
    }

    /** The largest body the server accepts from a client for this type (C -> S). */
    static int maxClientBody(int type) {
        return type == RECORD ? MAX_RECORD_C2S : MAX_PLAINTEXT_BODY;
    }

    public static String typeName(int type) {
        return switch (type) {
            case CLIENT_HELLO -> "client_hello";
            case SERVER_HELLO -> "server_hello";
            case FINISHED -> "finished";
            case ALERT -> "alert";
            case RECORD -> "record";
            default -> String.format(Locale.ROOT, "unknown type 0x%02x", type);
        };
    }

    public static String alertName(int code) {
        return AlertCode.fromCode(code).map(AlertCode::wireName).orElse(String.format(Locale.ROOT,
                "unknown alert 0x%02x", code));
    }
}
