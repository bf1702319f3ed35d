package io.secho.crypto;

import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Modp2048GroupTest {

    @Test
    void primeAndGeneratorMatchBouncyCastleRfc3526Group14() {
        assertEquals(DHStandardGroups.rfc3526_2048.getP(), Modp2048Group.P,
                "P must be the RFC 3526 2048-bit MODP prime (Bouncy Castle DHStandardGroups.rfc3526_2048)");
        assertEquals(DHStandardGroups.rfc3526_2048.getG(), Modp2048Group.G,
                "G must be the RFC 3526 group 14 generator (2)");
        assertEquals(BigInteger.TWO, Modp2048Group.G, "G must be 2");
    }

    @Test
    void primeIsA2048BitSafePrime() {
        BigInteger p = Modp2048Group.P;
        assertEquals(2048, p.bitLength(), "P must have exactly 2048 bits");
        assertEquals(Modp2048Group.ELEMENT_LENGTH * 8, p.bitLength(), "ELEMENT_LENGTH must be the byte length of P");
        assertTrue(p.isProbablePrime(64), "P must be prime");
        BigInteger q = p.subtract(BigInteger.ONE).shiftRight(1);
        assertTrue(q.isProbablePrime(64), "(P-1)/2 must be prime: P is a safe prime");
    }

    @Test
    void encodeLeftPadsSmallValues() {
        byte[] expected = new byte[256];
        expected[255] = 0x01;
        assertArrayEquals(expected, Modp2048Group.encode(BigInteger.ONE),
                "encode(1) must be 255 zero bytes followed by 0x01");

        byte[] zero = Modp2048Group.encode(BigInteger.ZERO);
        assertArrayEquals(new byte[256], zero, "encode(0) must be 256 zero bytes");

        byte[] twoBytes = Modp2048Group.encode(BigInteger.valueOf(0x1234));
        assertEquals(256, twoBytes.length, "encode must always give 256 bytes");
        assertEquals(0x12, twoBytes[254], "encode(0x1234): byte 254 must be 0x12");
        assertEquals(0x34, twoBytes[255], "encode(0x1234): byte 255 must be 0x34");
        for (int i = 0; i < 254; i++) {
            assertEquals(0, twoBytes[i], "encode(0x1234): byte " + i + " must be a zero pad byte");
        }
    }

    @Test
    void encodeOfLargestElementDropsTheJavaSignByte() {
        BigInteger pMinusOne = Modp2048Group.P.subtract(BigInteger.ONE);
        byte[] encoded = Modp2048Group.encode(pMinusOne);
        assertEquals(256, encoded.length, "encode(p-1) must be 256 bytes (no sign byte)");
        assertEquals(pMinusOne, new BigInteger(1, encoded), "encode(p-1) must decode back to p-1");
        assertEquals((byte) 0xff, encoded[0], "p-1 starts with 0xff");
    }

    @Test
    void encodeRejectsValuesOutsideTheGroup() {
        assertThrows(IllegalArgumentException.class, () -> Modp2048Group.encode(Modp2048Group.P),
                "encode(p) must be rejected: not in [0, p)");
        assertThrows(IllegalArgumentException.class, () -> Modp2048Group.encode(BigInteger.ONE.negate()),
                "encode(-1) must be rejected: not in [0, p)");
    }
}
