package io.secho.conformance.peer;

import java.util.Arrays;

/**
 * What a ClientHello and a ServerHello share: the body of Table 3, kept as its bytes, with its fields read
 * from them. A hello may carry any version, suite code and share length: a test sends wrong ones on purpose.
 */
public abstract sealed class HelloMessage permits ClientHello, ServerHello {
    /** The only version of this spec (Section 5.2). */
    public static final int VERSION_1 = 0x0001;
    public static final int RANDOM_LENGTH = 32;
    private static final int SUITE_AT = 2;
    private static final int RANDOM_AT = SUITE_AT + 1;
    private static final int SHARE_LENGTH_AT = RANDOM_AT + RANDOM_LENGTH;
    /** version (2) + suite (1) + random (32) + share_len (2) = 37 (Table 3). */
    public static final int FIXED_LENGTH = SHARE_LENGTH_AT + 2;

    private final FrameType type;
    private final byte[] body;

    /** Table 3 and REQ-FRM-2: version (u16) || suite (u8) || random || share_len (u16) || key_share. */
    HelloMessage(FrameType type, int version, int suiteCode, byte[] random, byte[] keyShare) {
        this.type = type;
        if (version < 0 || version > FrameLimits.MAX_U16 || suiteCode < 0 || suiteCode > 0xff) {
            throw new IllegalArgumentException("version is a u16 and suite a u8");
        }
        if (random.length != RANDOM_LENGTH || keyShare.length > FrameLimits.MAX_U16 - FIXED_LENGTH) {
            throw new IllegalArgumentException("random is " + RANDOM_LENGTH + " bytes and a share fits a frame");
        }
        body = new byte[FIXED_LENGTH + keyShare.length];
        putU16(version, 0);
        body[SUITE_AT] = (byte) suiteCode;
        System.arraycopy(random, 0, body, RANDOM_AT, RANDOM_LENGTH);
        putU16(keyShare.length, SHARE_LENGTH_AT);
        System.arraycopy(keyShare, 0, body, FIXED_LENGTH, keyShare.length);
    }

    private void putU16(int value, int at) {
        body[at] = (byte) (value >>> 8);
        body[at + 1] = (byte) value;
    }

    /** {@code client_hello} or {@code server_hello}. */
    public final FrameType frameType() {
        return type;
    }

    public int version() {
        return u16(body, 0);
    }

    public int suiteCode() {
        return body[SUITE_AT] & 0xff;
    }

    public byte[] random() {
        return Arrays.copyOfRange(body, RANDOM_AT, SHARE_LENGTH_AT);
    }

    public byte[] keyShare() {
        return Arrays.copyOfRange(body, FIXED_LENGTH, body.length);
    }

    public byte[] encodeBody() {
        return body.clone();
    }

    public Frame toFrame() {
        return new Frame(frameType(), body);
    }

    @Override
    public String toString() {
        return String.format("%s[version 0x%04x, suite 0x%02x, share %d bytes]", frameType(), version(), suiteCode(),
                body.length - FIXED_LENGTH);
    }

    /**
     * The receiver's steps a and c (Tables 6 and 7); step b, the version, is the caller's, between them, with
     * the alert of its side.
     */
    static int versionOf(byte[] received, String what) throws ProtocolException {
        if (received.length < SUITE_AT) { // a
            throw new ProtocolException(AlertCode.DECODE_ERROR,
                    what + " body of " + received.length + " byte(s) holds no version");
        }
        return u16(received, 0);
    }

    /** Step c: exactly 37 + share_len bytes (a body under 37 bytes has no share_len to read). */
    static void checkLength(byte[] received, String what) throws ProtocolException {
        int expected = received.length < FIXED_LENGTH ? -1 : FIXED_LENGTH + u16(received, SHARE_LENGTH_AT);
        if (received.length != expected) {
            throw new ProtocolException(AlertCode.DECODE_ERROR, what + " body of " + received.length + " bytes"
                    + (expected < 0 ? ", shorter than the " + FIXED_LENGTH + " fixed bytes" : " where share_len says "
                    + expected));
        }
    }

    static int suiteCodeOf(byte[] received) {
        return received[SUITE_AT] & 0xff;
    }

    static byte[] randomOf(byte[] received) {
        return Arrays.copyOfRange(received, RANDOM_AT, SHARE_LENGTH_AT);
    }

    static byte[] keyShareOf(byte[] received) {
        return Arrays.copyOfRange(received, FIXED_LENGTH, received.length);
    }

    /** Step e: share_len is the suite's (Table 4). */
    static void checkShareLength(Suite suite, byte[] received, String what) throws ProtocolException {
        int shareLength = received.length - FIXED_LENGTH;
        if (shareLength != suite.shareLength()) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, what + " share_len " + shareLength
                    + " for suite " + suite + " (must be " + suite.shareLength() + ")");
        }
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }
}
