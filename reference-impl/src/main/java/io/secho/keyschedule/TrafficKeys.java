package io.secho.keyschedule;

import io.secho.crypto.AesGcm;

/** One direction's AES-256-GCM key and 4-byte nonce salt. */
public record TrafficKeys(byte[] key, byte[] salt) {
    /** The nonce salt: the first bytes of every record nonce of one direction (spec Section 7). */
    public static final int SALT_LENGTH = 4;

    public TrafficKeys {
        if (key.length != AesGcm.KEY_LENGTH || salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("traffic key must be 32 bytes and salt 4 bytes");
        }
        key = key.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public String toString() {
        return "TrafficKeys[redacted]";
    }
}
