package io.secho.crypto;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HKDF-SHA256 against RFC 5869 appendix A.1-A.3 and the length limits. */
class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc5869TestCase1() {
        byte[] ikm = filled(22, 0x0b);
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = Hkdf.extract(salt, ikm);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", HEX.formatHex(prk),
                "RFC 5869 A.1 PRK");
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(Hkdf.expand(prk, info, 42)), "RFC 5869 A.1 OKM");
    }

    @Test
    void rfc5869TestCase2() {
        byte[] ikm = range(0x00, 80);
        byte[] salt = range(0x60, 80);
        byte[] info = range(0xb0, 80);
        byte[] prk = Hkdf.extract(salt, ikm);
        assertEquals("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244", HEX.formatHex(prk),
                "RFC 5869 A.2 PRK");
        assertEquals("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87",
                HEX.formatHex(Hkdf.expand(prk, info, 82)), "RFC 5869 A.2 OKM");
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        byte[] ikm = filled(22, 0x0b);
        byte[] prk = Hkdf.extract(new byte[0], ikm);
        assertEquals("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", HEX.formatHex(prk),
                "RFC 5869 A.3 PRK (empty salt)");
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                HEX.formatHex(Hkdf.expand(prk, new byte[0], 42)), "RFC 5869 A.3 OKM");
        assertArrayEquals(prk, Hkdf.extract(new byte[32], ikm),
                "RFC 5869 2.2: an empty salt must equal a salt of 32 zero bytes");
    }

    @Test
    void expandLengthLimits() {
        byte[] prk = Hkdf.extract(new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
        for (int length : new int[] {0, -1, 8161, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Hkdf.expand(prk, new byte[0], length), "HKDF-Expand must reject length " + length);
            assertTrue(e.getMessage().contains("was " + length),
                    "the rejection message must name the length " + length + ", was: " + e.getMessage());
        }
        assertEquals(8160, Hkdf.MAX_OUTPUT_LENGTH, "RFC 5869: at most 255 * HashLen = 8160 bytes");
        assertEquals(1, Hkdf.expand(prk, new byte[0], 1).length, "HKDF-Expand must allow length 1");
        byte[] max = Hkdf.expand(prk, new byte[0], 8160);
        assertEquals(8160, max.length, "HKDF-Expand must allow length 8160");
        assertArrayEquals(Hkdf.expand(prk, new byte[0], 42), Arrays.copyOf(max, 42),
                "a shorter HKDF-Expand output must be a prefix of a longer one");
    }

    @Test
    void expandRejectsShortPrk() {
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(new byte[31], new byte[0], 32),
                "HKDF-Expand must reject a PRK shorter than HashLen (32 bytes)");
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] range(int first, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (first + i);
        }
        return out;
    }
}
