package io.secho.insecure;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class InsecureDeterministicRandomBytesTest {
    private static final byte[] SEED = "seed for the test".getBytes(StandardCharsets.UTF_8);

    @Test
    void sameSeedGivesSameStreamHoweverChunked() {
        byte[] whole = new InsecureDeterministicRandomBytes(SEED).nextBytes(100);

        InsecureDeterministicRandomBytes byteWise = new InsecureDeterministicRandomBytes(SEED);
        byte[] single = new byte[100];
        for (int i = 0; i < 100; i++) {
            single[i] = byteWise.nextBytes(1)[0];
        }
        assertArrayEquals(whole, single, "1 x 100 bytes and 100 x 1 byte must give the same stream");

        InsecureDeterministicRandomBytes uneven = new InsecureDeterministicRandomBytes(SEED);
        byte[] mixed = new byte[100];
        int position = 0;
        for (int chunk : new int[] {0, 31, 1, 33, 0, 7, 28}) {
            byte[] part = new byte[chunk];
            uneven.nextBytes(part);
            System.arraycopy(part, 0, mixed, position, chunk);
            position += chunk;
        }
        assertArrayEquals(whole, mixed, "chunks of 0, 31, 1, 33, 0, 7, 28 bytes must give the same stream");
    }

    @Test
    void differentSeedsDiffer() {
        byte[] a = new InsecureDeterministicRandomBytes(SEED).nextBytes(64);
        byte[] seedB = SEED.clone();
        seedB[seedB.length - 1] ^= 1;
        byte[] b = new InsecureDeterministicRandomBytes(seedB).nextBytes(64);
        assertFalse(Arrays.equals(a, b), "seeds differing in one bit must give different streams");
        assertFalse(Arrays.equals(InsecureDeterministicRandomBytes.fromLabel("a").nextBytes(32),
                        InsecureDeterministicRandomBytes.fromLabel("b").nextBytes(32)),
                "labels 'a' and 'b' must give different streams");
    }

    @Test
    void blocksAreSha256OfSeedAndBigEndianCounter() throws NoSuchAlgorithmException {
        byte[] stream = new InsecureDeterministicRandomBytes(SEED).nextBytes(96);
        for (int block = 0; block < 3; block++) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(SEED);
            sha256.update(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) block});
            assertArrayEquals(sha256.digest(), Arrays.copyOfRange(stream, 32 * block, 32 * block + 32),
                    "block " + block + " must be SHA-256(seed || u64 " + block + ")");
        }
    }

    @Test
    void fromLabelUsesTheUtf8BytesAsSeed() {
        String label = "vector \u00e9";
        assertArrayEquals(new InsecureDeterministicRandomBytes(label.getBytes(StandardCharsets.UTF_8)).nextBytes(40),
                InsecureDeterministicRandomBytes.fromLabel(label).nextBytes(40),
                "fromLabel(label) must equal new InsecureDeterministicRandomBytes(UTF-8 bytes of label)");
    }

    @Test
    void seedIsCopied() {
        byte[] seed = SEED.clone();
        InsecureDeterministicRandomBytes random = new InsecureDeterministicRandomBytes(seed);
        seed[0] ^= 1;
        assertArrayEquals(new InsecureDeterministicRandomBytes(SEED).nextBytes(32), random.nextBytes(32),
                "changing the caller's seed array after construction must not change the stream");
    }
}
