package io.secho.insecure;

import io.secho.crypto.RandomBytes;
import io.secho.crypto.Sha256;

import java.nio.charset.StandardCharsets;

/**
 * A reproducible byte stream: block i is SHA-256(seed || i as u64). Never for real keys; it exists so
 * that test vectors come out byte-identical on every machine and a harness run can be replayed.
 */
public final class InsecureDeterministicRandomBytes implements RandomBytes {
    private final byte[] seed;
    private long blockIndex;
    private byte[] block = new byte[0];
    private int blockPosition;

    public InsecureDeterministicRandomBytes(byte[] seed) {
        this.seed = seed.clone();
    }

    public static InsecureDeterministicRandomBytes fromLabel(String label) {
        return new InsecureDeterministicRandomBytes(label.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (blockPosition == block.length) {
                block = Sha256.hash(seed, counter(blockIndex++));
                blockPosition = 0;
            }
            out[i] = block[blockPosition++];
        }
    }

    private static byte[] counter(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
