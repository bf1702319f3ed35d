package io.secho.crypto;

/**
 * Where randoms and private keys come from. Production code uses {@link SystemRandomBytes}; the vector
 * generator and a seeded harness use {@code io.secho.insecure.InsecureDeterministicRandomBytes}.
 */
public interface RandomBytes {
    void nextBytes(byte[] out);

    default byte[] nextBytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }
}
