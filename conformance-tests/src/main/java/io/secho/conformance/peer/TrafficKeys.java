package io.secho.conformance.peer;

/** One direction's AES-256-GCM key and 4-byte nonce salt (Section 7). Never shown in text. */
public record TrafficKeys(byte[] key, byte[] salt) {
    public TrafficKeys {
        if (key.length != AesGcm.KEY_LENGTH || salt.length != FrameLimits.SALT_LENGTH) {
            throw new IllegalArgumentException("a traffic key is " + AesGcm.KEY_LENGTH + " bytes and a salt "
                    + FrameLimits.SALT_LENGTH);
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
    public boolean equals(Object other) {
        return other instanceof TrafficKeys keys && HmacSha256.constantTimeEquals(keys.key, key)
                && HmacSha256.constantTimeEquals(keys.salt, salt);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(Sha256.hash(key, salt));
    }

    @Override
    public String toString() {
        return "TrafficKeys[not shown]";
    }
}
