package io.secho.conformance.cases;

import java.nio.charset.StandardCharsets;

/** Small helpers for payloads in cases. */
final class Messages {
    private Messages() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
