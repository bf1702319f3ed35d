package io.secho.conformance.peer;

import java.util.Arrays;

/**
 * One frame of a known type, kept as the exact bytes that travel: {@code type || length || body} (Table 1,
 * REQ-FRM-1). The transcript hashes cover these bytes (REQ-KS-1), so the peer keeps them rather than
 * re-encoding fields. A frame of an unknown type, or whose length field lies, is no {@code Frame}: build
 * its bytes with {@link #header(int, int)}.
 */
public final class Frame {
    private final byte[] wire;

    public Frame(FrameType type, byte[] body) {
        if (body.length > FrameLimits.MAX_U16) {
            throw new IllegalArgumentException("a body of " + body.length + " bytes does not fit a u16 length");
        }
        wire = Arrays.copyOf(header(type.code(), body.length), FrameLimits.HEADER_LENGTH + body.length);
        System.arraycopy(body, 0, wire, FrameLimits.HEADER_LENGTH, body.length);
    }

    /**
     * Any header, including the ones a correct sender never writes (unknown type, a length that is not the
     * body's): a deviation point for tests. REQ-FRM-2: the length is a big-endian u16.
     */
    public static byte[] header(int typeCode, int length) {
        return new FrameHeader(typeCode, length).encode();
    }

    /**
     * Exactly one complete frame of a known type.
     *
     * @throws IllegalArgumentException for anything else (for the harness's own bytes and the vectors; a
     *                                  peer's input is read through {@link FrameHeader} and its checks)
     */
    public static Frame parse(byte[] encoded) {
        FrameHeader header = FrameHeader.parse(encoded);
        int announced = FrameLimits.HEADER_LENGTH + header.length();
        if (encoded.length != announced) {
            throw new IllegalArgumentException("the header announces " + announced + " frame bytes, there are "
                    + encoded.length);
        }
        FrameType type = header.type().orElseThrow(() -> new IllegalArgumentException(
                String.format("unknown frame type 0x%02x", header.typeCode())));
        return new Frame(type, Arrays.copyOfRange(encoded, FrameLimits.HEADER_LENGTH, encoded.length));
    }

    public FrameType type() {
        return FrameType.fromCode(wire[0] & 0xff).orElseThrow();
    }

    public byte[] body() {
        return Arrays.copyOfRange(wire, FrameLimits.HEADER_LENGTH, wire.length);
    }

    /** The body's length, as the header says. */
    public int length() {
        return wire.length - FrameLimits.HEADER_LENGTH;
    }

    /** The 3 header bytes, which are also a record's AAD (REQ-REC-3). */
    public byte[] header() {
        return Arrays.copyOf(wire, FrameLimits.HEADER_LENGTH);
    }

    /** The complete frame as it goes on the wire. */
    public byte[] encode() {
        return wire.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame frame && Arrays.equals(frame.wire, wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    /** Type and length only: a body may be plaintext or key material. */
    @Override
    public String toString() {
        return type() + "[" + length() + "]";
    }
}
