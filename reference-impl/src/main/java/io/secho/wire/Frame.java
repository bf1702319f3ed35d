package io.secho.wire;

import java.util.Arrays;

/**
 * One frame: type, 16-bit length, body. The header is what records authenticate as associated data.
 */
public record Frame(FrameType type, byte[] body) {
    public Frame {
        if (body.length > 0xffff) {
            throw new IllegalArgumentException("frame body of " + body.length + " bytes does not fit a u16 length");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int length() {
        return body.length;
    }

    public byte[] header() {
        return header(type.code(), body.length);
    }

    /** Header bytes for any type code and length, including ones a test writes on purpose wrong. */
    public static byte[] header(int typeCode, int length) {
        return new byte[] {(byte) typeCode, (byte) (length >>> 8), (byte) length};
    }

    /**
     * The inverse of {@link #encode}, for frames this process built itself or tests hold whole.
     *
     * @throws IllegalArgumentException if the bytes are not exactly one well-formed frame
     */
    public static Frame parse(byte[] encoded) {
        if (encoded.length < FrameLimits.HEADER_LENGTH) {
            throw new IllegalArgumentException("shorter than a frame header");
        }
        int length = ((encoded[1] & 0xff) << 8) | (encoded[2] & 0xff);
        if (encoded.length != FrameLimits.HEADER_LENGTH + length) {
            throw new IllegalArgumentException("header says " + length + " body bytes, found "
                    + (encoded.length - FrameLimits.HEADER_LENGTH));
        }
        FrameType type = FrameType.fromCode(encoded[0] & 0xff)
                .orElseThrow(() -> new IllegalArgumentException("unknown frame type " + (encoded[0] & 0xff)));
        return new Frame(type, Arrays.copyOfRange(encoded, FrameLimits.HEADER_LENGTH, encoded.length));
    }

    /** Header followed by body: exactly the bytes on the wire. */
    // REQ-FRM-1, REQ-FRM-2: every byte sent is part of a frame, type || u16 big-endian length || body.
    public byte[] encode() {
        byte[] out = new byte[FrameLimits.HEADER_LENGTH + body.length];
        System.arraycopy(header(), 0, out, 0, FrameLimits.HEADER_LENGTH);
        System.arraycopy(body, 0, out, FrameLimits.HEADER_LENGTH, body.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && frame.type == type && Arrays.equals(frame.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return type + "[" + body.length + "]";
    }
}
