package io.secho.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869), Extract and Expand kept apart as the key schedule uses them. */
public final class Hkdf {
    /** RFC 5869: at most 255 blocks of output. */
    public static final int MAX_OUTPUT_LENGTH = 255 * 32;

    private Hkdf() {
    }

    public static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, inputKeyMaterial);
    }

    public static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("HKDF-Expand length must be 1.." + MAX_OUTPUT_LENGTH + ", was " + length);
        }
        if (pseudoRandomKey.length < 32) {
            throw new IllegalArgumentException("HKDF-Expand PRK must be at least 32 bytes, was " + pseudoRandomKey.length);
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(HKDFParameters.skipExtractParameters(pseudoRandomKey, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
