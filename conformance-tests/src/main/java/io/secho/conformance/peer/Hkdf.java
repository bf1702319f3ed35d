package io.secho.conformance.peer;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-Extract and HKDF-Expand of RFC 5869 with SHA-256 (Section 2.2), from Bouncy Castle. */
public final class Hkdf {
    private Hkdf() {
    }

    public static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, inputKeyMaterial);
    }

    public static byte[] expand(byte[] prk, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
