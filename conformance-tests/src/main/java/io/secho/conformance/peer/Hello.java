package io.secho.conformance.peer;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The body layout both hellos share (Table 3) and the parsing steps both receivers share (Tables 6 and 7,
 * steps a to c). Package-private: callers use {@link ClientHello} and {@link ServerHello}.
 */
final class Hello {
    /** The only version of this spec (Section 5.2). */
    static final int VERSION_1 = 0x0001;
    static final int VERSION_LENGTH = 2;
    static final int RANDOM_LENGTH = 32;
    static final int SUITE_OFFSET = VERSION_LENGTH;
    static final int RANDOM_OFFSET = SUITE_OFFSET + 1;
    static final int SHARE_LENGTH_OFFSET = RANDOM_OFFSET + RANDOM_LENGTH;
    /** version (2) + suite (1) + random (32) + share_len (2) = 37. */
    static final int FIXED_LENGTH = SHARE_LENGTH_OFFSET + 2;

    /** The fields of a hello body that passed steps a and c (b is the caller's, with its own alert). */
    record Fields(int version, int suiteCode, byte[] random, byte[] keyShare) {
    }

    private Hello() {
    }

    static void checkFields(int version, int suiteCode, byte[] random, byte[] keyShare) {
        if (version < 0 || version > 0xffff || suiteCode < 0 || suiteCode > 0xff) {
            throw new IllegalArgumentException("version is a u16 and suite a u8");
        }
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("random is " + RANDOM_LENGTH + " bytes, not " + random.length);
        }
        if (keyShare.length > FrameLimits.MAX_U16) {
            throw new IllegalArgumentException("key share longer than a u16 length can say");
        }
    }

    /** Table 3, REQ-FRM-2: version (u16) || suite (u8) || random || share_len (u16) || key_share. */
    static byte[] encode(int version, int suiteCode, byte[] random, byte[] keyShare) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(FIXED_LENGTH + keyShare.length);
        out.write(version >>> 8);
        out.write(version);
        out.write(suiteCode);
        out.writeBytes(random);
        out.write(keyShare.length >>> 8);
        out.write(keyShare.length);
        out.writeBytes(keyShare);
        return out.toByteArray();
    }

    /** Step a: fewer than 2 bytes cannot hold a version. Returns the version for step b. */
    static int version(byte[] body, String what) throws ProtocolException {
        if (body.length < VERSION_LENGTH) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    what + " body of " + body.length + " byte(s) holds no version");
        }
        return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    }

    /** Step c: the body is exactly 37 + share_len bytes (a body under 37 bytes has no share_len). */
    static Fields fields(byte[] body, String what) throws ProtocolException {
        if (body.length < FIXED_LENGTH) {
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    what + " body of " + body.length + " bytes is shorter than the " + FIXED_LENGTH + " fixed bytes");
        }
        int shareLength = ((body[SHARE_LENGTH_OFFSET] & 0xff) << 8) | (body[SHARE_LENGTH_OFFSET + 1] & 0xff);
        if (body.length != FIXED_LENGTH + shareLength) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, what + " body of " + body.length
                    + " bytes with share_len " + shareLength + " (must be " + (FIXED_LENGTH + shareLength) + ")");
        }
        return new Fields(((body[0] & 0xff) << 8) | (body[1] & 0xff), body[SUITE_OFFSET] & 0xff,
                Arrays.copyOfRange(body, RANDOM_OFFSET, SHARE_LENGTH_OFFSET),
                Arrays.copyOfRange(body, FIXED_LENGTH, body.length));
    }

    /** Step e: share_len is the suite's (Table 4). */
    static void checkShareLength(Suite suite, byte[] keyShare, String what) throws ProtocolException {
        if (keyShare.length != suite.shareLength()) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, what + " share_len " + keyShare.length
                    + " for suite " + suite + " (must be " + suite.shareLength() + ")");
        }
    }
}
