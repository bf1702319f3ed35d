package io.secho.lab;

import io.secho.crypto.RandomBytes;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import io.secho.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabCipherTest {
    private static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f");
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final String PYTHON_12 = "fb09cba209892a5290e6a1cc5c447671d2fdb399f0";
    private static final String PYTHON_16_AAD = "c2cdfff2f66e98b58892151d89fa3e90e3a76850cc";

    /**
     * Computed with Python's cryptography:
     * AESGCM(bytes(range(16))).encrypt(bytes(range(12)), b"hello", None).hex() and the same with a
     * 16-byte nonce and associated data b"lab".
     */
    @Test
    void matchesPythonsAesGcm() throws LabProtocolException {
        LabCipher plain = new LabCipher(KEY, LabProfile.defaults(LabVariant.SEC));
        assertEquals("000102030405060708090a0b" + PYTHON_12, Hex.encode(plain.seal(Hex.decode("000102030405060708090a0b"), HELLO)));
        LabProfile longNonceAad = LabProfile.defaults(LabVariant.SEC).withNonceLength(16)
                .withAad("lab".getBytes(StandardCharsets.US_ASCII));
        LabCipher other = new LabCipher(KEY, longNonceAad);
        byte[] nonce16 = Hex.decode("000102030405060708090a0b0c0d0e0f");
        assertEquals(Hex.encode(nonce16) + PYTHON_16_AAD, Hex.encode(other.seal(nonce16, HELLO)));
        assertArrayEquals(HELLO, other.open(Hex.decode(Hex.encode(nonce16) + PYTHON_16_AAD)));
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 16})
    void sealsAndOpensUnderEitherNonceLength(int nonceLength) throws LabProtocolException {
        RandomBytes random = InsecureDeterministicRandomBytes.fromLabel("lab cipher " + nonceLength);
        LabCipher cipher = new LabCipher(new byte[32], LabProfile.defaults(LabVariant.SEC).withNonceLength(nonceLength));
        byte[] record = cipher.seal(random, HELLO);
        assertEquals(nonceLength + HELLO.length + LabProfile.TAG_LENGTH, record.length);
        assertArrayEquals(HELLO, cipher.open(record));
    }

    @Test
    void refusesAForgedTagAShortRecordAndTheWrongAad() {
        LabCipher cipher = new LabCipher(KEY, LabProfile.defaults(LabVariant.SEC));
        byte[] record = cipher.seal(InsecureDeterministicRandomBytes.fromLabel("forge"), HELLO);
        byte[] forged = record.clone();
        forged[forged.length - 1] ^= 0x01;
        assertThrows(LabProtocolException.class, () -> cipher.open(forged));
        assertThrows(LabProtocolException.class, () -> cipher.open(new byte[27]));
        LabCipher withAad = new LabCipher(KEY, LabProfile.defaults(LabVariant.SEC).withAad(new byte[] {1}));
        assertThrows(LabProtocolException.class, () -> withAad.open(record));
    }

    @Test
    void refusesKeysOfOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> new LabCipher(new byte[24], LabProfile.defaults(LabVariant.SEC)));
    }
}
