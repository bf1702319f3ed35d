package io.secho.conformance.lab.clients;

import io.secho.conformance.clients.server.SeededBytes;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.lab.LabDh;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProtocolException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab test server's own cryptography, written with the JDK and Bouncy Castle's ASN.1 classes, against the worked
 * example of spec/lab-profile.md, RFC 5869, and the reference lab classes (which it must agree with, not share code
 * with).
 */
class LabClientCryptoTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void recordsMatchTheAppendixExample() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] record = LabGcm.seal(key, HEX.parseHex("000102030405060708090a0b"), hello, new byte[0]);
        assertEquals("000102030405060708090a0b" + "fb09cba209" + "892a5290e6a1cc5c447671d2fdb399f0", HEX.formatHex(record));
        assertArrayEquals(hello, LabGcm.open(key, 12, record, new byte[0]).orElseThrow());

        byte[] nonce16 = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] lab = "lab".getBytes(StandardCharsets.US_ASCII);
        byte[] long16 = LabGcm.seal(key, nonce16, hello, lab);
        assertEquals("c2cdfff2f6" + "6e98b58892151d89fa3e90e3a76850cc", HEX.formatHex(Arrays.copyOfRange(long16, 16,
                long16.length)));
        assertArrayEquals(hello, LabGcm.open(key, 16, long16, lab).orElseThrow());
    }

    @Test
    void aRecordThatWasTamperedWithOrIsTooShortDoesNotOpen() {
        byte[] key = new byte[32];
        byte[] record = LabGcm.seal(key, new byte[12], "text".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        for (int bit = 0; bit < record.length * 8; bit += 7) {
            byte[] flipped = record.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertTrue(LabGcm.open(key, 12, flipped, new byte[0]).isEmpty(), "bit " + bit);
        }
        assertTrue(LabGcm.open(key, 12, record, new byte[] {1}).isEmpty(), "other associated data");
        assertTrue(LabGcm.open(key, 12, Arrays.copyOf(record, 27), new byte[0]).isEmpty(), "27 bytes");
    }

    /** RFC 5869 test case 3: SHA-256, no salt, no info. */
    @Test
    void hkdfWithoutSaltMatchesRfc5869() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                HEX.formatHex(LabGcm.hkdf(ikm, new byte[0], 42)));
    }

    /** Every form the test server sends is read by the reference, and the two sides derive the same session key. */
    @Test
    void theDhExchangeAgreesWithTheReferenceLabClassesInEveryForm() throws Exception {
        byte[] info = "handshake data".getBytes(StandardCharsets.UTF_8);
        for (boolean x942 : new boolean[] {false, true}) {
            for (boolean der : new boolean[] {false, true}) {
                LabDhKey ours = LabDhKey.generate(new SeededBytes("test " + x942 + der));
                LabDh reference = LabDh.generate(InsecureDeterministicRandomBytes.fromLabel("reference " + x942 + der));
                LabDh.PeerKey read = LabDh.decodePublicKey(ours.encoded(x942, der));
                assertEquals(ours.publicValue(), read.y());
                assertEquals(x942 ? LabProfile.KeyFormat.X942 : LabProfile.KeyFormat.PKCS3, read.format());
                LabProfile.KeyFormat format = x942 ? LabProfile.KeyFormat.X942 : LabProfile.KeyFormat.PKCS3;
                LabProfile.KeyEncoding encoding = der ? LabProfile.KeyEncoding.DER : LabProfile.KeyEncoding.PEM;
                LabDhKey.Received theirs = LabDhKey.decode(reference.encodedPublicKey(format, encoding));
                assertEquals((der ? "DER " : "PEM ") + (x942 ? "X9.42" : "PKCS#3"), theirs.form());
                assertArrayEquals(reference.deriveKey(read, info), ours.sessionKey(theirs.y(), info));
            }
        }
    }

    @Test
    void keysOutsideGroup14OrNotKeysAreRefused() throws LabProtocolException {
        LabDhKey ours = LabDhKey.generate(new SeededBytes("refused"));
        byte[] pem = ours.encoded(false, false);
        assertThrows(LabDhKey.Refused.class, () -> LabDhKey.decode(Arrays.copyOf(pem, pem.length - 30)));
        byte[] der = ours.encoded(true, true);
        assertThrows(LabDhKey.Refused.class, () -> LabDhKey.decode(Arrays.copyOf(der, der.length + 1)));
        assertThrows(LabDhKey.Refused.class, () -> LabDhKey.decode("hello".getBytes(StandardCharsets.US_ASCII)));
        for (java.math.BigInteger y : new java.math.BigInteger[] {java.math.BigInteger.ONE,
            LabDhKey.P.subtract(java.math.BigInteger.ONE)}) {
            byte[] encoded = LabDh.encodePublicKey(y, LabProfile.KeyFormat.PKCS3, LabProfile.KeyEncoding.DER);
            LabDhKey.Refused refused = assertThrows(LabDhKey.Refused.class, () -> LabDhKey.decode(encoded));
            assertTrue(refused.getMessage().contains("1 < y < p-1"), refused.getMessage());
        }
    }
}
