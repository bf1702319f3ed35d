package io.secho.conformance.peer;

import java.util.Arrays;

/** One direction's AES-256-GCM key and 4-byte nonce salt (Section 7). Never shown in text. */
public final class TrafficKeys {
    /** key (32) || salt (4). */
    private final byte[] material;

    public TrafficKeys(byte[] key, byte[] salt) {
        if (key.length != AesGcm.KEY_LENGTH || salt.length != FrameLimits.SALT_LENGTH) {
            throw new IllegalArgumentException("a traffic key is " + AesGcm.KEY_LENGTH + " bytes and a salt "
                    + FrameLimits.SALT_LENGTH);
        }
        material = Arrays.copyOf(key, AesGcm.KEY_LENGTH + FrameLimits.SALT_LENGTH);
        System.arraycopy(salt, 0, material, AesGcm.KEY_LENGTH, FrameLimits.SALT_LENGTH);
    }

    public byte[] key() {
        return Arrays.copyOf(material, AesGcm.KEY_LENGTH);
    }

    public byte[] salt() {
        return Arrays.copyOfRange(material, AesGcm.KEY_LENGTH, material.length);
    }

    @Override
    public String toString() {
        return "TrafficKeys[not shown]";
    }
}
