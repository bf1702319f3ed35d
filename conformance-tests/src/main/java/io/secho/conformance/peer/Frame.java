package io.secho.conformance.peer;

import java.util.Arrays;

/**
 * One frame of a known type: {@code type || length || body} (Table 1, REQ-FRM-1). A frame of an unknown
 * type, or with a length field that lies, is no {@code Frame}: build its bytes with {@link #header(int, int)}.
 */
public record Frame(FrameType type, byte[] body) {
    public Frame {
        if (body.length > FrameLimits.MAX_U16) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes does not fit a u16 length");
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

    /** The 3 header bytes, which are also a record's AAD (REQ-REC-3). */
    public byte[] header() {
        return header(type.code(), body.length);
    }

    /**
     * Any header, including the ones a correct sender never writes (unknown type, a length that is not the
     * body's): a deviation point for tests. REQ-FRM-2: the length is a big-endian u16.
     */
    public static byte[] header(int typeCode, int length) {
        if (typeCode < 0 || typeCode > 0xff || length < 0 || length > FrameLimits.MAX_U16) {
            throw new IllegalArgumentException("type or length out of range");
        }
        return new byte[] {(byte) typeCode, (byte) (length >>> 8), (byte) length};
    }

    /** The complete frame as it goes on the wire. */
    public byte[] encode() {
        byte[] out = Arrays.copyOf(header(), FrameLimits.HEADER_LENGTH + body.length);
        System.arraycopy(body, 0, out, FrameLimits.HEADER_LENGTH, body.length);
        return out;
    }

    /**
     * Exactly one complete frame of a known type.
     *
     * @throws IllegalArgumentException for anything else (for the harness's own bytes and the vectors, not for
     *                                  a peer's input: that goes through {@link FrameHeader})
     */
    public static Frame parse(byte[] encoded) {
        if (encoded.length < FrameLimits.HEADER_LENGTH) {
            throw new IllegalArgumentException("shorter than a frame header");
        }
        FrameHeader header = FrameHeader.parse(encoded);
        if (encoded.length != FrameLimits.HEADER_LENGTH + header.length()) {
            throw new IllegalArgumentException("the header announces " + header.length() + " body bytes, "
                    + (encoded.length - FrameLimits.HEADER_LENGTH) + " follow");
        }
        FrameType type = header.type().orElseThrow(() -> new IllegalArgumentException(
                String.format("unknown frame type 0x%02x", header.typeCode())));
        return new Frame(type, Arrays.copyOfRange(encoded, FrameLimits.HEADER_LENGTH, encoded.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && frame.type == type && Arrays.equals(frame.body, body);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return type + "[" + body.length + "]";
    }
}
