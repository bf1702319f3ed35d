package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Section 6's share validation on both suites with shares: what must be refused is, what must pass does. */
class KeyExchangeValidationTest {
    private static final BigInteger X25519_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final int X25519_BYTES = 32;

    /** The canonical low-order points (Section 14.6: orders 1, 2, 4 and 8), little-endian hex. */
    private static final List<String> LOW_ORDER = List.of(
            "0000000000000000000000000000000000000000000000000000000000000000", // 0
            "0100000000000000000000000000000000000000000000000000000000000000", // 1
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); // p - 1, order 2

    @Test
    void x25519RefusesEveryLowOrderShare() {
        X25519KeyExchange ours = X25519KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("low order"));
        List<byte[]> shares = new java.util.ArrayList<>();
        for (String point : LOW_ORDER) {
            shares.add(Hex.decode(point));
        }
        // Non-canonical encodings of 0 and 1 (p and p + 1), then every one of them with bit 255 set.
        shares.add(littleEndian(X25519_P));
        shares.add(littleEndian(X25519_P.add(BigInteger.ONE)));
        for (byte[] share : List.copyOf(shares)) {
            byte[] high = share.clone();
            high[X25519_BYTES - 1] |= (byte) 0x80;
            shares.add(high);
        }
        assertEquals(14, shares.size());
        for (byte[] share : shares) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> ours.sharedSecret(share), Hex.encode(share));
            assertEquals(AlertCode.ILLEGAL_PARAMETER, e.alert(), Hex.encode(share));
        }
    }

    /** REQ-KEX-3: bit 255 is masked and values from p on are reduced, not refused. */
    @Test
    void x25519AcceptsHighBitAndNonCanonicalEncodings() throws ProtocolException {
        X25519KeyExchange ours = X25519KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("ours"));
        byte[] share = X25519KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("theirs")).publicShare();
        byte[] highBit = share.clone();
        highBit[X25519_BYTES - 1] |= (byte) 0x80;
        assertArrayEquals(ours.sharedSecret(share), ours.sharedSecret(highBit), "bit 255 set");
        // u = 9 + p decodes to 9, the base point: a valid share written non-canonically.
        byte[] nine = littleEndian(BigInteger.valueOf(9));
        byte[] ninePlusP = littleEndian(BigInteger.valueOf(9).add(X25519_P));
        assertArrayEquals(ours.sharedSecret(nine), ours.sharedSecret(ninePlusP), "9 + p");
        assertArrayEquals(ours.publicShare(), ours.sharedSecret(nine), "X25519(k, 9) is the public share");
    }

    @Test
    void x25519RefusesAShareOfTheWrongLength() {
        X25519KeyExchange ours = X25519KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("length"));
        assertEquals(AlertCode.ILLEGAL_PARAMETER, assertThrows(ProtocolException.class,
                () -> ours.sharedSecret(new byte[31])).alert());
    }

    /** REQ-KEX-7: 1 < y < p-1, nothing else. */
    @Test
    void modp2048RangeCheck() throws ProtocolException {
        BigInteger p = Modp2048Group.P;
        BigInteger twoTo2048 = BigInteger.TWO.pow(2048);
        for (BigInteger refused : List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE), twoTo2048.subtract(BigInteger.ONE))) {
            byte[] share = bigEndian256(refused);
            assertEquals(AlertCode.ILLEGAL_PARAMETER, assertThrows(ProtocolException.class,
                    () -> Modp2048Group.validateShare(share), refused.toString(16)).alert());
        }
        Modp2048KeyExchange ours = Modp2048KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("modp"));
        for (BigInteger accepted : List.of(BigInteger.TWO, p.subtract(BigInteger.TWO))) {
            assertEquals(Modp2048Group.ELEMENT_LENGTH, ours.sharedSecret(bigEndian256(accepted)).length);
        }
        assertEquals(AlertCode.ILLEGAL_PARAMETER, assertThrows(ProtocolException.class,
                () -> ours.sharedSecret(new byte[255])).alert(), "a share of 255 bytes");
    }

    /** REQ-KEX-8: both sides agree, and a secret keeps its leading zero bytes (256 bytes always). */
    @Test
    void modp2048Agreement() throws ProtocolException {
        Modp2048KeyExchange a = Modp2048KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("a"));
        Modp2048KeyExchange b = Modp2048KeyExchange.generate(InsecureDeterministicRandomBytes.fromLabel("b"));
        assertArrayEquals(a.sharedSecret(b.publicShare()), b.sharedSecret(a.publicShare()));
        byte[] small = Modp2048Group.encode(BigInteger.valueOf(0x1234));
        assertEquals(Modp2048Group.ELEMENT_LENGTH, small.length);
        assertEquals(0x12, small[254]);
        assertEquals(0x34, small[255]);
    }

    /** REQ-KEX-5: the exponent is drawn again while below 2. */
    @Test
    void modp2048RedrawsAnExponentBelowTwo() {
        byte[] one = new byte[Modp2048Group.PRIVATE_EXPONENT_LENGTH];
        one[one.length - 1] = 1;
        byte[] three = new byte[Modp2048Group.PRIVATE_EXPONENT_LENGTH];
        three[three.length - 1] = 3;
        List<byte[]> draws = List.of(new byte[Modp2048Group.PRIVATE_EXPONENT_LENGTH], one, three);
        int[] next = {0};
        Modp2048KeyExchange drawn = Modp2048KeyExchange.generate(out -> System.arraycopy(draws.get(next[0]++), 0, out, 0,
                out.length));
        assertEquals(3, next[0], "three draws: 0 and 1 are refused");
        assertArrayEquals(bigEndian256(BigInteger.valueOf(8)), drawn.publicShare(), "2^3");
    }

    @Test
    void pskRefusesAShareAndReturnsTheKey() throws ProtocolException {
        PreSharedKey key = PreSharedKey.of(Sha256.hash(new byte[] {1}));
        PskKeyExchange exchange = new PskKeyExchange(key);
        assertEquals(0, exchange.publicShare().length);
        assertArrayEquals(key.bytes(), exchange.sharedSecret(new byte[0]));
        assertEquals(AlertCode.ILLEGAL_PARAMETER, assertThrows(ProtocolException.class,
                () -> exchange.sharedSecret(new byte[32])).alert());
        assertThrows(IllegalStateException.class,
                () -> Suite.PSK.newKeyExchange(InsecureDeterministicRandomBytes.fromLabel("no key"),
                        java.util.Optional.empty()), "REQ-KEX-10: no psk without a key");
    }

    @Test
    void freshSharesForEveryExchange() {
        RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("fresh");
        for (Suite suite : List.of(Suite.X25519, Suite.MODP2048)) {
            assertNotEquals(Hex.encode(suite.newKeyExchange(random, java.util.Optional.empty()).publicShare()),
                    Hex.encode(suite.newKeyExchange(random, java.util.Optional.empty()).publicShare()), suite.toString());
        }
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] big = bigEndian256(value);
        byte[] out = new byte[X25519_BYTES];
        for (int i = 0; i < X25519_BYTES; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    /** Any value below 2^2048 as 256 bytes, even those that are no group element: 2^2048 + v without its top byte. */
    private static byte[] bigEndian256(BigInteger value) {
        byte[] withTopBit = BigInteger.TWO.pow(Modp2048Group.ELEMENT_LENGTH * Byte.SIZE).add(value).toByteArray();
        return java.util.Arrays.copyOfRange(withTopBit, 1, withTopBit.length);
    }
}
