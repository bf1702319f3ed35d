package io.secho.conformance.peer;

import org.bouncycastle.crypto.digests.SHA256Digest;

import java.nio.charset.StandardCharsets;

/**
 * Reproducible bytes for a test peer, never for a real key. The stream is the concatenation of the blocks
 * {@code SHA-256(seed || u64(i))} for i = 0, 1, 2, ...: one seed always yields the same randoms, private keys
 * and probes, so a run can be replayed byte for byte. It breaks REQ-HS-3 on purpose, as its name says.
 */
public final class InsecureDeterministicRandomBytes implements RandomBytes {
    /** SHA-256 after absorbing the seed: each block copies it and adds its index. */
    private final SHA256Digest afterSeed = new SHA256Digest();
    /** How many bytes of the stream were handed out. */
    private long position;
    private final byte[] block = new byte[Sha256.HASH_LENGTH];

    public InsecureDeterministicRandomBytes(byte[] seed) {
        afterSeed.update(seed, 0, seed.length);
    }

    /** The stream of a text seed (its UTF-8 bytes), such as a case ID with the run's seed. */
    public static InsecureDeterministicRandomBytes fromLabel(String label) {
        return new InsecureDeterministicRandomBytes(label.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++, position++) {
            int offset = (int) (position % Sha256.HASH_LENGTH);
            if (offset == 0) {
                SHA256Digest digest = new SHA256Digest(afterSeed);
                long index = position / Sha256.HASH_LENGTH;
                for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
                    digest.update((byte) (index >>> shift)); // u64, big-endian
                }
                digest.doFinal(block, 0);
            }
            out[i] = block[offset];
        }
    }
}
