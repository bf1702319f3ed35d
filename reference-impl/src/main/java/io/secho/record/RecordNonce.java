package io.secho.record;

import io.secho.wire.FrameLimits;

/** nonce = salt (4 bytes) || sequence number (u64, big-endian): 96 bits, sent explicitly. */
public final class RecordNonce {
    private RecordNonce() {
    }

    public static byte[] of(byte[] salt, long sequenceNumber) {
        if (salt.length != FrameLimits.SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be " + FrameLimits.SALT_LENGTH + " bytes");
        }
        byte[] nonce = new byte[FrameLimits.NONCE_LENGTH];
        System.arraycopy(salt, 0, nonce, 0, FrameLimits.SALT_LENGTH);
        for (int i = FrameLimits.NONCE_LENGTH - 1; i >= FrameLimits.SALT_LENGTH; i--) {
            nonce[i] = (byte) sequenceNumber;
            sequenceNumber >>>= 8;
        }
        return nonce;
    }
}
