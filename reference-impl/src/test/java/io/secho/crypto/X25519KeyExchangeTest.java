package io.secho.crypto;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.handshake.KeyAgreement;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class X25519KeyExchangeTest {
    // RFC 7748 section 6.1
    private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bothSidesAgree() throws InvalidKeyShareException {
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("x25519 agree");
        X25519KeyExchange alice = X25519KeyExchange.generate(random);
        X25519KeyExchange bob = X25519KeyExchange.generate(random);

        assertEquals(32, alice.publicShare().length, "an X25519 public share must be 32 bytes");
        byte[] aliceSecret = alice.sharedSecret(bob.publicShare());
        byte[] bobSecret = bob.sharedSecret(alice.publicShare());
        assertEquals(32, aliceSecret.length, "an X25519 shared secret must be 32 bytes");
        assertArrayEquals(aliceSecret, bobSecret, "both sides must compute the same X25519 secret");
        assertFalse(Arrays.equals(alice.publicShare(), bob.publicShare()),
                "two generated key pairs must have different public shares");
    }

    @Test
    void rfc7748Section61() throws InvalidKeyShareException {
        X25519KeyExchange alice = X25519KeyExchange.fromPrivateKey(HEX.parseHex(ALICE_PRIVATE));
        X25519KeyExchange bob = X25519KeyExchange.fromPrivateKey(HEX.parseHex(BOB_PRIVATE));

        assertEquals(ALICE_PUBLIC, HEX.formatHex(alice.publicShare()), "RFC 7748 6.1: Alice's public key");
        assertEquals(BOB_PUBLIC, HEX.formatHex(bob.publicShare()), "RFC 7748 6.1: Bob's public key");
        assertEquals(SHARED, HEX.formatHex(alice.sharedSecret(HEX.parseHex(BOB_PUBLIC))),
                "RFC 7748 6.1: shared secret computed by Alice");
        assertEquals(SHARED, HEX.formatHex(bob.sharedSecret(HEX.parseHex(ALICE_PUBLIC))),
                "RFC 7748 6.1: shared secret computed by Bob");
    }

    @Test
    void lowOrderPointsAreIllegalParameter() {
        Map<String, String> points = new LinkedHashMap<>();
        points.put("0", "0000000000000000000000000000000000000000000000000000000000000000");
        points.put("1", "0100000000000000000000000000000000000000000000000000000000000000");
        points.put("order-8 point e0eb..", "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        points.put("order-8 point 5f9c..", "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157");
        points.put("p-1", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        points.put("p", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        points.put("p+1", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        // RFC 7748 masks bit 255, so the same points with the top bit set are the same low-order points
        points.put("0 with bit 255 set", "0000000000000000000000000000000000000000000000000000000000000080");
        points.put("1 with bit 255 set", "0100000000000000000000000000000000000000000000000000000000000080");
        points.put("e0eb.. with bit 255 set", "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880");
        points.put("5f9c.. with bit 255 set", "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7");
        points.put("p-1 with bit 255 set", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        points.put("p with bit 255 set", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        points.put("p+1 with bit 255 set", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("x25519 low order");
        for (int key = 0; key < 3; key++) {
            X25519KeyExchange exchange = X25519KeyExchange.generate(random);
            for (Map.Entry<String, String> point : points.entrySet()) {
                byte[] share = HEX.parseHex(point.getValue());
                ProtocolException e = assertThrows(ProtocolException.class, () -> KeyAgreement.sharedSecret(exchange, share),
                        "key " + key + ": low-order peer share " + point.getKey() + " must be rejected");
                assertEquals(AlertCode.ILLEGAL_PARAMETER, e.alert(),
                        "key " + key + ": low-order peer share " + point.getKey() + " must give illegal_parameter");
            }
        }
    }

    @Test
    void wrongShareLengthsAreIllegalParameter() {
        X25519KeyExchange exchange = X25519KeyExchange.fromPrivateKey(HEX.parseHex(ALICE_PRIVATE));
        byte[] bob = HEX.parseHex(BOB_PUBLIC);
        for (int length : new int[] {0, 1, 31, 33, 64, 256}) {
            byte[] share = new byte[length];
            System.arraycopy(bob, 0, share, 0, Math.min(length, bob.length));
            ProtocolException e = assertThrows(ProtocolException.class, () -> KeyAgreement.sharedSecret(exchange, share),
                    "a " + length + "-byte X25519 share must be rejected");
            assertEquals(AlertCode.ILLEGAL_PARAMETER, e.alert(),
                    "a " + length + "-byte X25519 share must give illegal_parameter");
        }
    }

    @Test
    void fromPrivateKeyRejectsWrongLengthAndCopiesItsInput() throws InvalidKeyShareException {
        assertThrows(IllegalArgumentException.class, () -> X25519KeyExchange.fromPrivateKey(new byte[31]),
                "a 31-byte X25519 private key must be rejected");
        assertThrows(IllegalArgumentException.class, () -> X25519KeyExchange.fromPrivateKey(new byte[33]),
                "a 33-byte X25519 private key must be rejected");

        byte[] privateKey = HEX.parseHex(ALICE_PRIVATE);
        X25519KeyExchange alice = X25519KeyExchange.fromPrivateKey(privateKey);
        privateKey[0] ^= 0x40;
        alice.publicShare()[0] ^= 0x01;
        assertEquals(ALICE_PUBLIC, HEX.formatHex(alice.publicShare()),
                "changing the caller's arrays must not change the public share");
        assertEquals(SHARED, HEX.formatHex(alice.sharedSecret(HEX.parseHex(BOB_PUBLIC))),
                "changing the caller's private key array must not change the secret");
    }
}
