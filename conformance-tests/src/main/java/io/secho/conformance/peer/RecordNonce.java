package io.secho.conformance.peer;

import java.nio.ByteBuffer;

/** The record nonce {@code salt || seq} (REQ-REC-2), and its parts read back from a record body. */
public final class RecordNonce {
    private RecordNonce() {
    }

    /** 4 bytes of salt, then seq as a big-endian u64 (REQ-FRM-2). */
    public static byte[] of(byte[] salt, long sequenceNumber) {
        if (salt.length != FrameLimits.SALT_LENGTH) {
            throw new IllegalArgumentException("a salt is " + FrameLimits.SALT_LENGTH + " bytes");
        }
        return ByteBuffer.allocate(FrameLimits.NONCE_LENGTH).put(salt).putLong(sequenceNumber).array();
    }

    /** The sequence number a nonce carries (bytes 4 to 11), unsigned in the spec, a Java long here. */
    public static long sequenceOf(byte[] nonce) {
        return ByteBuffer.wrap(nonce, FrameLimits.SALT_LENGTH, FrameLimits.SEQUENCE_LENGTH).getLong();
    }
}
