package io.secho.conformance.grade;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Shard K of N: the submissions whose NAME hashes to K-1 modulo N. The hash is SHA-256 of the name alone, so a
 * submission stays in its shard on every machine and when other lines are added or removed.
 */
record Shard(int k, int n) {
    static final Shard ALL = new Shard(1, 1);

    static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length == 2) {
            try {
                int k = Integer.parseInt(parts[0]);
                int n = Integer.parseInt(parts[1]);
                if (n >= 1 && n <= 100_000 && k >= 1 && k <= n) {
                    return new Shard(k, n);
                }
            } catch (NumberFormatException e) {
                // Said below.
            }
        }
        throw new IllegalArgumentException("--shard '" + text + "' is not K/N with 1 <= K <= N (e.g. 1/4)");
    }

    boolean contains(String name) {
        return Long.remainderUnsigned(hash(name), n) == k - 1;
    }

    static long hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
