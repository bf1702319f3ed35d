package io.secho.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HMAC-SHA-256 against RFC 4231 section 4.2 and 4.3, and the constant-time comparison. */
class HmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc4231TestCase1() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                HEX.formatHex(HmacSha256.mac(key, "Hi There".getBytes(StandardCharsets.US_ASCII))),
                "RFC 4231 test case 1, HMAC-SHA-256");
    }

    @Test
    void rfc4231TestCase2() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HEX.formatHex(HmacSha256.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))),
                "RFC 4231 test case 2 (key shorter than the output), HMAC-SHA-256");
    }

    @Test
    void macLength() {
        assertEquals(HmacSha256.MAC_LENGTH, HmacSha256.mac(new byte[32], new byte[0]).length,
                "HMAC-SHA-256 output must be 32 bytes");
    }

    @Test
    void constantTimeEquals() {
        byte[] a = HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        assertTrue(HmacSha256.constantTimeEquals(a, a.clone()), "equal arrays must compare equal");
        assertTrue(HmacSha256.constantTimeEquals(new byte[0], new byte[0]), "two empty arrays must compare equal");
        for (int i : new int[] {0, 15, 31}) {
            byte[] b = a.clone();
            b[i] ^= 0x01;
            assertFalse(HmacSha256.constantTimeEquals(a, b), "arrays differing in byte " + i + " must differ");
        }
        assertFalse(HmacSha256.constantTimeEquals(a, Arrays.copyOf(a, 31)), "a 31-byte prefix must not be equal");
        assertFalse(HmacSha256.constantTimeEquals(a, Arrays.copyOf(a, 33)), "a 33-byte extension must not be equal");
        assertFalse(HmacSha256.constantTimeEquals(a, new byte[0]), "an empty array must not equal a non-empty one");
    }
}
