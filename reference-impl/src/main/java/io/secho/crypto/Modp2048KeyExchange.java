package io.secho.crypto;

import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;

/**
 * Finite-field Diffie-Hellman in the RFC 3526 2048-bit group, with a 256-bit private exponent. The
 * agreement runs through JCE; the exponent is drawn here (not by the JCE generator) so that the vector
 * generator's fixed randomness fixes the keys on every JDK.
 */
public final class Modp2048KeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = Modp2048Group.ELEMENT_LENGTH;
    public static final int PRIVATE_KEY_LENGTH = Modp2048Group.PRIVATE_EXPONENT_BITS / 8;
    private static final BigInteger P_MINUS_ONE = Modp2048Group.P.subtract(BigInteger.ONE);

    private final BigInteger exponent;
    private final byte[] publicShare;

    private Modp2048KeyExchange(BigInteger exponent) {
        this.exponent = exponent;
        this.publicShare = Modp2048Group.encode(Modp2048Group.G.modPow(exponent, Modp2048Group.P));
    }

    /** Draws 256 random bits until the value is at least 2 (the spec's exponent rule). */
    // REQ-KEX-1, REQ-KEX-5, REQ-KEX-6: a fresh 256-bit exponent; y = g^x mod p as 256 bytes.
    public static Modp2048KeyExchange generate(RandomBytes random) {
        BigInteger exponent;
        do {
            exponent = new BigInteger(1, random.nextBytes(PRIVATE_KEY_LENGTH));
        } while (exponent.compareTo(BigInteger.TWO) < 0);
        return new Modp2048KeyExchange(exponent);
    }

    /** For tests and vectors that fix the exponent (32 bytes, big-endian); real handshakes use {@link #generate}. */
    public static Modp2048KeyExchange fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("modp2048 private exponent must be " + PRIVATE_KEY_LENGTH
                    + " bytes, was " + privateKey.length);
        }
        BigInteger exponent = new BigInteger(1, privateKey);
        if (exponent.compareTo(BigInteger.TWO) < 0) {
            throw new IllegalArgumentException("modp2048 private exponent must be at least 2");
        }
        return new Modp2048KeyExchange(exponent);
    }

    @Override
    public byte[] publicShare() {
        return publicShare.clone();
    }

    // REQ-KEX-8: z left-padded to 256 bytes, leading zeros kept.
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws InvalidKeyShareException {
        BigInteger peer = validatePeerShare(peerShare);
        try {
            KeyFactory factory = KeyFactory.getInstance("DH");
            DHPrivateKey privateKey = (DHPrivateKey) factory.generatePrivate(
                    new DHPrivateKeySpec(exponent, Modp2048Group.P, Modp2048Group.G));
            DHPublicKey peerKey = (DHPublicKey) factory.generatePublic(
                    new DHPublicKeySpec(peer, Modp2048Group.P, Modp2048Group.G));
            KeyAgreement agreement = KeyAgreement.getInstance("DH");
            agreement.init(privateKey);
            agreement.doPhase(peerKey, true);
            return Modp2048Group.leftPad(agreement.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE DH agreement failed on a validated key", e);
        }
    }

    /** Spec: the share is exactly 256 bytes and 1 < y < p - 1. */
    // REQ-KEX-7: 1 < y < p-1, or the share is refused.
    public static BigInteger validatePeerShare(byte[] peerShare) throws InvalidKeyShareException {
        if (peerShare.length != SHARE_LENGTH) {
            throw new InvalidKeyShareException("modp2048 key share must be " + SHARE_LENGTH + " bytes, was " + peerShare.length);
        }
        BigInteger y = new BigInteger(1, peerShare);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P_MINUS_ONE) >= 0) {
            throw new InvalidKeyShareException("modp2048 key share is outside 1 < y < p-1");
        }
        return y;
    }
}
