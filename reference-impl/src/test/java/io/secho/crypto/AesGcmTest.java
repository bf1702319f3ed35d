package io.secho.crypto;

import io.secho.insecure.InsecureDeterministicRandomBytes;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AesGcmTest {
    private final InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("aes-gcm test");
    private final byte[] key = random.nextBytes(32);
    private final byte[] aad = {0x05, 0x00, 0x2d};
    private final byte[] plaintext = "\u0001hello, secho".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTrip() throws AEADBadTagException {
        AesGcm aes = new AesGcm(key);
        for (int length : new int[] {0, 1, 15, 16, 17, 1000}) {
            byte[] nonce = random.nextBytes(12);
            byte[] message = random.nextBytes(length);
            byte[] sealed = aes.seal(nonce, aad, message);
            assertEquals(length + 16, sealed.length, "sealed output must be plaintext + 16-byte tag, length " + length);
            assertArrayEquals(message, aes.open(nonce, aad, sealed),
                    "open must return the sealed plaintext, length " + length);
            assertArrayEquals(message, new AesGcm(key).open(nonce, aad, sealed),
                    "another instance with the same key must open it, length " + length);
        }
        byte[] nonce = random.nextBytes(12);
        assertArrayEquals(plaintext, aes.open(nonce, new byte[0], aes.seal(nonce, new byte[0], plaintext)),
                "round trip with empty associated data");
    }

    @Test
    void everyFlippedBitIsRejected() throws AEADBadTagException {
        AesGcm aes = new AesGcm(key);
        byte[] nonce = random.nextBytes(12);
        byte[] sealed = aes.seal(nonce, aad, plaintext);
        assertArrayEquals(plaintext, aes.open(nonce, aad, sealed), "unmodified input must open");

        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] modified = flip(sealed, bit);
            String part = bit < plaintext.length * 8 ? "ciphertext" : "tag";
            int index = bit;
            assertThrows(AEADBadTagException.class, () -> aes.open(nonce, aad, modified),
                    "flipped bit " + index + " (" + part + ") must fail the tag check");
        }
        for (int bit = 0; bit < aad.length * 8; bit++) {
            byte[] modified = flip(aad, bit);
            int index = bit;
            assertThrows(AEADBadTagException.class, () -> aes.open(nonce, modified, sealed),
                    "flipped associated-data bit " + index + " must fail the tag check");
        }
        for (int bit = 0; bit < nonce.length * 8; bit++) {
            byte[] modified = flip(nonce, bit);
            int index = bit;
            assertThrows(AEADBadTagException.class, () -> aes.open(modified, aad, sealed),
                    "flipped nonce bit " + index + " must fail the tag check");
        }
        byte[] otherKey = key.clone();
        otherKey[31] ^= 0x01;
        assertThrows(AEADBadTagException.class, () -> new AesGcm(otherKey).open(nonce, aad, sealed),
                "a different key must fail the tag check");
        assertArrayEquals(plaintext, aes.open(nonce, aad, sealed), "the instance must still open after failures");
    }

    @Test
    void truncatedInputIsRejected() {
        AesGcm aes = new AesGcm(key);
        byte[] nonce = random.nextBytes(12);
        byte[] sealed = aes.seal(nonce, aad, plaintext);
        for (int length : new int[] {0, 1, 15, 16, sealed.length - 1}) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThrows(AEADBadTagException.class, () -> aes.open(nonce, aad, truncated),
                    "input truncated to " + length + " bytes must fail with AEADBadTagException");
        }
    }

    @Test
    void wrongKeyLengthIsRejectedWithSizes() {
        for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new AesGcm(new byte[length]), "a " + length + "-byte key must be rejected");
            assertTrue(e.getMessage().contains("32") && e.getMessage().contains("was " + length),
                    "the message must name the required 32 bytes and the actual " + length + ", was: "
                            + e.getMessage());
        }
    }

    @Test
    void wrongNonceLengthIsRejectedWithSizes() {
        AesGcm aes = new AesGcm(key);
        byte[] sealed = aes.seal(new byte[12], aad, plaintext);
        for (int length : new int[] {0, 8, 11, 13, 16}) {
            byte[] nonce = new byte[length];
            IllegalArgumentException onSeal = assertThrows(IllegalArgumentException.class,
                    () -> aes.seal(nonce, aad, plaintext), "seal must reject a " + length + "-byte nonce");
            assertTrue(onSeal.getMessage().contains("12") && onSeal.getMessage().contains("was " + length),
                    "seal: the message must name 12 and " + length + ", was: " + onSeal.getMessage());
            IllegalArgumentException onOpen = assertThrows(IllegalArgumentException.class,
                    () -> aes.open(nonce, aad, sealed), "open must reject a " + length + "-byte nonce");
            assertTrue(onOpen.getMessage().contains("12") && onOpen.getMessage().contains("was " + length),
                    "open: the message must name 12 and " + length + ", was: " + onOpen.getMessage());
        }
    }

    private static byte[] flip(byte[] input, int bit) {
        byte[] out = input.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }
}
