package io.secho.wire;

import java.io.ByteArrayOutputStream;

/** Builds a message body field by field, big-endian. */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter u8(int value) {
        checkRange(value, 0xff, "u8");
        out.write(value);
        return this;
    }

    // REQ-FRM-2: integers go on the wire big-endian.
    public ByteWriter u16(int value) {
        checkRange(value, 0xffff, "u16");
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public ByteWriter u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public ByteWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static void checkRange(int value, int max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }
}
