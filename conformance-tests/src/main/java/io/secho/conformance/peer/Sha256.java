package io.secho.conformance.peer;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 (FIPS 180-4) over the concatenation of its arguments: the transcript hashes of Section 7. */
public final class Sha256 {
    public static final int HASH_LENGTH = 32;

    private Sha256() {
    }

    public static byte[] hash(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }
}
