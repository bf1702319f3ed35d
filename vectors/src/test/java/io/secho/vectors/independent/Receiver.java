package io.secho.vectors.independent;

import java.util.Arrays;
import java.util.Set;

/**
 * The receiver's checks, in the spec's orders (section 4.4, Tables 6, 7 and 12, REQ-FIN-2), each returning the
 * name of the alert of the first failing check, or null when the input is accepted.
 */
final class Receiver {
    private static final byte[] ANY_X25519_KEY = Spec.hex("7777777777777777777777777777777777777777777777777777777777777777");

    private Receiver() {
    }

    /** Section 4.4, steps 1 to 4, for a receiver that allows {@code allowed} and reads frames of one direction. */
    static String header(byte[] frame, Set<Integer> allowed, boolean toServer) {
        int type = frame[0] & 0xff;
        int length = ((frame[1] & 0xff) << 8) | (frame[2] & 0xff);
        if (type < 0x01 || type > 0x05) {
            return "decode_error";
        }
        if (!allowed.contains(type)) {
            return "unexpected_message";
        }
        int max = type == Spec.RECORD ? (toServer ? Spec.MAX_RECORD_C2S : Spec.MAX_RECORD_S2C) : Spec.MAX_PLAINTEXT_BODY;
        if (length > max) {
            return "record_overflow";
        }
        if (type == Spec.RECORD && length < Spec.MIN_RECORD) {
            return "decode_error";
        }
        if (frame.length != 3 + length) {
            throw new IllegalArgumentException("the vector's frame is not exactly one frame");
        }
        return null;
    }

    /** Table 6, steps a to f, on a ClientHello body. */
    static String clientHello(byte[] body, Set<Integer> enabled) {
        return hello(body, true, enabled, -1);
    }

    /** Table 7, steps a to f, on a ServerHello body, for a client that offered {@code offered}. */
    static String serverHello(byte[] body, int offered) {
        return hello(body, false, Set.of(), offered);
    }

    private static String hello(byte[] body, boolean atServer, Set<Integer> enabled, int offered) {
        if (body.length < 2) {
            return "decode_error";
        }
        int version = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        if (version != 0x0001) {
            return atServer ? "unsupported_version" : "illegal_parameter";
        }
        if (body.length < 37) {
            return "decode_error";
        }
        int shareLength = ((body[35] & 0xff) << 8) | (body[36] & 0xff);
        if (body.length != 37 + shareLength) {
            return "decode_error";
        }
        int suite = body[2] & 0xff;
        if (atServer ? !enabled.contains(suite) : suite != offered) {
            return atServer ? "unsupported_suite" : "illegal_parameter";
        }
        if (shareLength != Spec.shareLength(suite)) {
            return "illegal_parameter";
        }
        byte[] share = Arrays.copyOfRange(body, 37, body.length);
        if (suite == 0x01 && Spec.x25519(ANY_X25519_KEY, share) == null) {
            return "illegal_parameter";
        }
        if (suite == 0x02 && !Spec.modpShareInRange(share)) {
            return "illegal_parameter";
        }
        return null;
    }

    /** REQ-FIN-2, then REQ-FIN-3 / REQ-FIN-6. */
    static String finished(byte[] body, byte[] expectedVerifyData) {
        if (body.length != 32) {
            return "decode_error";
        }
        return Arrays.equals(body, expectedVerifyData) ? null : "handshake_failure";
    }

    /** What a receiver makes of a record: an alert, or the inner type and payload. */
    record Opened(String alert, int innerType, byte[] payload) {
    }

    /** Table 12, steps 1 to 6. */
    static Opened record(byte[] frame, byte[] key, byte[] salt, long expectedSeq, boolean atServer) {
        String headerAlert = header(frame, Set.of(Spec.ALERT, Spec.RECORD), atServer);
        if (headerAlert != null) {
            return new Opened(headerAlert, -1, null);
        }
        if (frame[0] != Spec.RECORD) {
            throw new IllegalArgumentException("not a record");
        }
        byte[] header = Arrays.copyOf(frame, 3);
        byte[] nonce = Arrays.copyOfRange(frame, 3, 15);
        byte[] inner = Spec.gcm(false, key, nonce, header, Arrays.copyOfRange(frame, 15, frame.length));
        if (inner == null) {
            return new Opened("bad_record_mac", -1, null);
        }
        if (!Arrays.equals(nonce, Spec.cat(salt, Spec.u64(expectedSeq)))) {
            return new Opened("bad_sequence", -1, null);
        }
        int type = inner[0] & 0xff;
        byte[] payload = Arrays.copyOfRange(inner, 1, inner.length);
        if (type < 0x01 || type > 0x03 || (type == 0x02 && payload.length != 0) || (type == 0x03 && payload.length != 1)) {
            return new Opened("decode_error", -1, null);
        }
        if (type == 0x01 && !wellFormedUtf8(payload)) {
            return new Opened("bad_payload", -1, null);
        }
        return new Opened(null, type, payload);
    }

    /** Section 10.2, the table of well-formed byte sequences, row by row. */
    static boolean wellFormedUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xff;
            int length;
            int lo = 0x80;
            int hi = 0xbf;
            if (b0 <= 0x7f) {
                length = 1;
            } else if (b0 >= 0xc2 && b0 <= 0xdf) {
                length = 2;
            } else if (b0 >= 0xe0 && b0 <= 0xef) {
                length = 3;
                lo = b0 == 0xe0 ? 0xa0 : 0x80;
                hi = b0 == 0xed ? 0x9f : 0xbf;
            } else if (b0 >= 0xf0 && b0 <= 0xf4) {
                length = 4;
                lo = b0 == 0xf0 ? 0x90 : 0x80;
                hi = b0 == 0xf4 ? 0x8f : 0xbf;
            } else {
                return false;
            }
            if (i + length > bytes.length) {
                return false;
            }
            for (int k = 1; k < length; k++) {
                int b = bytes[i + k] & 0xff;
                int min = k == 1 ? lo : 0x80;
                int max = k == 1 ? hi : 0xbf;
                if (b < min || b > max) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }
}
