package io.secho.conformance.clients.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The test server's randomness (its randoms and private keys): SHA-256 of a label and a counter, so that a run's
 * seed and a case's ID fix every byte the test server sends and a run can be replayed. Never for real keys: the
 * test server talks to a client under test, nobody else.
 */
public final class SeededBytes {
    private final byte[] label;
    private long counter;

    public SeededBytes(String label) {
        this.label = label.getBytes(StandardCharsets.UTF_8);
    }

    public synchronized void fill(byte[] out) {
        int offset = 0;
        while (offset < out.length) {
            byte[] block = block(counter++);
            int count = Math.min(block.length, out.length - offset);
            System.arraycopy(block, 0, out, offset, count);
            offset += count;
        }
    }

    public byte[] next(int length) {
        byte[] out = new byte[length];
        fill(out);
        return out;
    }

    private byte[] block(long index) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(label);
            for (int shift = 56; shift >= 0; shift -= 8) {
                sha256.update((byte) (index >>> shift));
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
