package io.secho.record;

import io.secho.crypto.AesGcm;
import io.secho.keyschedule.TrafficKeys;

/** nonce = salt (4 bytes) || sequence number (u64, big-endian): 96 bits, sent explicitly. */
public final class RecordNonce {
    private RecordNonce() {
    }

    public static byte[] of(byte[] salt, long sequenceNumber) {
        if (salt.length != TrafficKeys.SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be " + TrafficKeys.SALT_LENGTH + " bytes");
        }
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        System.arraycopy(salt, 0, nonce, 0, TrafficKeys.SALT_LENGTH);
        for (int i = AesGcm.NONCE_LENGTH - 1; i >= TrafficKeys.SALT_LENGTH; i--) {
            nonce[i] = (byte) sequenceNumber;
            sequenceNumber >>>= 8;
        }
        return nonce;
    }
}
