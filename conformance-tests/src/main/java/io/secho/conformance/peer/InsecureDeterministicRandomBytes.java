package io.secho.conformance.peer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reproducible bytes for a test peer, never for a real key: block {@code i} of the stream is
 * {@code SHA-256(seed || u64(i))}, so one seed always yields the same randoms, private keys and probes,
 * and a run can be replayed byte for byte. It is a counter-mode hash, not a CSPRNG with reseeding: it
 * violates REQ-HS-3 on purpose, which is why its name says so.
 */
public final class InsecureDeterministicRandomBytes implements RandomBytes {
    private final byte[] seed;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    public InsecureDeterministicRandomBytes(byte[] seed) {
        this.seed = seed.clone();
    }

    /** The stream of a text seed (its UTF-8 bytes), such as a case ID and the run's seed. */
    public static InsecureDeterministicRandomBytes fromLabel(String label) {
        return new InsecureDeterministicRandomBytes(label.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void nextBytes(byte[] out) {
        int filled = 0;
        while (filled < out.length) {
            if (used == block.length) {
                block = Sha256.hash(seed, ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
                counter++;
                used = 0;
            }
            int take = Math.min(out.length - filled, block.length - used);
            System.arraycopy(block, used, out, filled, take);
            used += take;
            filled += take;
        }
    }
}
