package io.secho.crypto;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.handshake.KeyAgreement;
import io.secho.insecure.InsecureDeterministicRandomBytes;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class Modp2048KeyExchangeTest {
    private static final BigInteger P = Modp2048Group.P;
    private static final DHParameters BC_GROUP = new DHParameters(P, Modp2048Group.G);

    @Test
    void bothSidesAgree() throws InvalidKeyShareException {
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("modp2048 agree");
        Modp2048KeyExchange alice = Modp2048KeyExchange.generate(random);
        Modp2048KeyExchange bob = Modp2048KeyExchange.generate(random);

        byte[] aliceSecret = alice.sharedSecret(bob.publicShare());
        byte[] bobSecret = bob.sharedSecret(alice.publicShare());

        assertEquals(256, aliceSecret.length, "the modp2048 shared secret must be 256 bytes");
        assertArrayEquals(aliceSecret, bobSecret, "both sides must compute the same modp2048 secret");
    }

    @Test
    void publicShareIsGToTheExponentIn256Bytes() {
        byte[] privateKey = InsecureDeterministicRandomBytes.fromLabel("modp2048 public").nextBytes(32);
        byte[] share = Modp2048KeyExchange.fromPrivateKey(privateKey).publicShare();
        assertEquals(256, share.length, "the modp2048 public share must be exactly 256 bytes");
        assertEquals(Modp2048Group.G.modPow(new BigInteger(1, privateKey), P), new BigInteger(1, share),
                "the public share must be g^x mod p with x the big-endian private key");
    }

    @Test
    void generateRedrawsExponentsBelowTwo() {
        Deque<byte[]> draws = new ArrayDeque<>();
        draws.add(new byte[32]);                  // 0: rejected
        draws.add(exponentBytes(1));              // 1: rejected
        draws.add(exponentBytes(2));              // 2: first acceptable exponent
        RandomBytes scripted = out -> System.arraycopy(draws.remove(), 0, out, 0, out.length);

        byte[] share = Modp2048KeyExchange.generate(scripted).publicShare();

        assertTrue(draws.isEmpty(), "generate must draw until the exponent is at least 2 (3 draws here)");
        assertEquals(BigInteger.valueOf(4), new BigInteger(1, share), "with x = 2 the public share must be 2^2 = 4");
    }

    @Test
    void fromPrivateKeyRejectsBadExponents() {
        assertThrows(IllegalArgumentException.class, () -> Modp2048KeyExchange.fromPrivateKey(new byte[32]),
                "exponent 0 must be rejected");
        assertThrows(IllegalArgumentException.class, () -> Modp2048KeyExchange.fromPrivateKey(exponentBytes(1)),
                "exponent 1 must be rejected");
        assertThrows(IllegalArgumentException.class, () -> Modp2048KeyExchange.fromPrivateKey(new byte[31]),
                "a 31-byte private key must be rejected");
        assertThrows(IllegalArgumentException.class, () -> Modp2048KeyExchange.fromPrivateKey(new byte[33]),
                "a 33-byte private key must be rejected");
    }

    @Test
    void outOfRangeSharesAreIllegalParameter() {
        Modp2048KeyExchange exchange = Modp2048KeyExchange.generate(
                InsecureDeterministicRandomBytes.fromLabel("modp2048 bad shares"));
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("0", pad(BigInteger.ZERO));
        bad.put("1", pad(BigInteger.ONE));
        bad.put("p-1", pad(P.subtract(BigInteger.ONE)));
        bad.put("p", pad(P));
        bad.put("p+1", pad(P.add(BigInteger.ONE)));
        bad.put("2^2048-1", pad(BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE)));
        bad.put("255 bytes", new byte[255]);
        bad.put("257 bytes", fill(257, (byte) 0x02));
        bad.put("0 bytes", new byte[0]);
        bad.put("255-byte encoding of 2", leftPadTo(255, 2));
        bad.put("257-byte encoding of 2", leftPadTo(257, 2));
        for (Map.Entry<String, byte[]> share : bad.entrySet()) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> KeyAgreement.sharedSecret(exchange, share.getValue()),
                    "peer share " + share.getKey() + " must be rejected");
            assertEquals(AlertCode.ILLEGAL_PARAMETER, e.alert(),
                    "peer share " + share.getKey() + " must give illegal_parameter");
            assertThrows(InvalidKeyShareException.class, () -> Modp2048KeyExchange.validatePeerShare(share.getValue()),
                    "validatePeerShare must reject peer share " + share.getKey());
        }
    }

    @Test
    void boundarySharesTwoAndPMinusTwoAreAcceptedAndMatchBouncyCastle() throws InvalidKeyShareException {
        byte[] privateKey = InsecureDeterministicRandomBytes.fromLabel("modp2048 boundary").nextBytes(32);
        Modp2048KeyExchange exchange = Modp2048KeyExchange.fromPrivateKey(privateKey);
        for (BigInteger y : new BigInteger[] {BigInteger.TWO, P.subtract(BigInteger.TWO)}) {
            String name = y.equals(BigInteger.TWO) ? "2" : "p-2";
            assertEquals(y, Modp2048KeyExchange.validatePeerShare(pad(y)), "validatePeerShare must return " + name);
            assertArrayEquals(bouncyCastleSecret(privateKey, y), exchange.sharedSecret(pad(y)),
                    "peer share " + name + " must be accepted and give y^x mod p");
        }
    }

    @Test
    void sharedSecretMatchesBouncyCastleDhBasicAgreement() throws InvalidKeyShareException {
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("modp2048 vs bc");
        for (int i = 0; i < 4; i++) {
            byte[] privateKey = random.nextBytes(32);
            byte[] peerPrivateKey = random.nextBytes(32);
            Modp2048KeyExchange ours = Modp2048KeyExchange.fromPrivateKey(privateKey);
            byte[] peerShare = Modp2048KeyExchange.fromPrivateKey(peerPrivateKey).publicShare();
            assertArrayEquals(bouncyCastleSecret(privateKey, new BigInteger(1, peerShare)),
                    ours.sharedSecret(peerShare),
                    "round " + i + ": shared secret must equal Bouncy Castle DHBasicAgreement, left-padded to 256 bytes");
        }
    }

    @Test
    void secretWithLeadingZeroByteIsLeftPadded() throws InvalidKeyShareException {
        byte[] peerShare = Modp2048KeyExchange.generate(
                InsecureDeterministicRandomBytes.fromLabel("modp2048 leading zero peer")).publicShare();
        InsecureDeterministicRandomBytes random = InsecureDeterministicRandomBytes.fromLabel("modp2048 leading zero");
        // Each try has a 1/256 chance; 4096 tries miss with probability ~1e-7, and the stream is fixed anyway.
        for (int attempt = 0; attempt < 4096; attempt++) {
            byte[] privateKey = random.nextBytes(32);
            BigInteger x = new BigInteger(1, privateKey);
            if (x.compareTo(BigInteger.TWO) < 0) {
                continue;
            }
            BigInteger z = new BigInteger(1, peerShare).modPow(x, P);
            if (z.bitLength() > 2040) {
                continue; // first byte non-zero: not the case we are looking for
            }
            byte[] secret = Modp2048KeyExchange.fromPrivateKey(privateKey).sharedSecret(peerShare);
            String where = "attempt " + attempt + ", private key " + HexFormat.of().formatHex(privateKey);
            assertEquals(256, secret.length, where + ": a secret with a leading zero byte must still be 256 bytes");
            assertEquals(0, secret[0], where + ": the first byte of the padded secret must be zero");
            assertArrayEquals(bouncyCastleSecret(privateKey, new BigInteger(1, peerShare)), secret,
                    where + ": padded secret must equal Bouncy Castle's result left-padded");
            return;
        }
        fail("no exponent with a leading-zero shared secret in 4096 deterministic tries");
    }

    private static byte[] bouncyCastleSecret(byte[] privateKey, BigInteger peer) {
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(new DHPrivateKeyParameters(new BigInteger(1, privateKey), BC_GROUP));
        return pad(agreement.calculateAgreement(new DHPublicKeyParameters(peer, BC_GROUP)));
    }

    /** Unsigned big-endian, left-padded to 256 bytes (for values below 2^2048). */
    private static byte[] pad(BigInteger value) {
        byte[] magnitude = value.toByteArray();
        int start = magnitude.length > 256 ? magnitude.length - 256 : 0; // drop the sign byte
        assertTrue(magnitude.length - start <= 256 && (start == 0 || magnitude[0] == 0),
                "test helper: value does not fit in 256 bytes");
        byte[] out = new byte[256];
        System.arraycopy(magnitude, start, out, 256 - (magnitude.length - start), magnitude.length - start);
        return out;
    }

    private static byte[] exponentBytes(int value) {
        byte[] out = new byte[32];
        out[31] = (byte) value;
        return out;
    }

    private static byte[] fill(int length, byte value) {
        byte[] out = new byte[length];
        Arrays.fill(out, value);
        return out;
    }

    private static byte[] leftPadTo(int length, int lastByte) {
        byte[] out = new byte[length];
        out[length - 1] = (byte) lastByte;
        return out;
    }
}
