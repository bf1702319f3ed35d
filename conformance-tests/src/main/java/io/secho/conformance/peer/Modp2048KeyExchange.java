package io.secho.conformance.peer;

import java.math.BigInteger;

/** Suite modp2048 (Section 6.2) with {@link BigInteger} arithmetic. */
public final class Modp2048KeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = Modp2048Group.ELEMENT_LENGTH;

    private final BigInteger exponent;
    private final byte[] publicShare;

    private Modp2048KeyExchange(BigInteger exponent) {
        this.exponent = exponent;
        // REQ-KEX-6: y = g^x mod p, 256 bytes big-endian.
        this.publicShare = Modp2048Group.encode(Modp2048Group.G.modPow(exponent, Modp2048Group.P));
    }

    /** REQ-KEX-5: 32 bytes from {@code random} as an unsigned big-endian integer, drawn again while below 2. */
    public static Modp2048KeyExchange generate(RandomBytes random) {
        BigInteger x;
        do {
            x = new BigInteger(1, random.nextBytes(Modp2048Group.PRIVATE_EXPONENT_LENGTH));
        } while (x.compareTo(BigInteger.TWO) < 0);
        return new Modp2048KeyExchange(x);
    }

    /** A given exponent: for the vectors, whose sessions fix it. */
    public static Modp2048KeyExchange fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != Modp2048Group.PRIVATE_EXPONENT_LENGTH) {
            throw new IllegalArgumentException("a modp2048 private exponent is "
                    + Modp2048Group.PRIVATE_EXPONENT_LENGTH + " bytes");
        }
        BigInteger x = new BigInteger(1, privateKey);
        if (x.compareTo(BigInteger.TWO) < 0) {
            throw new IllegalArgumentException("a modp2048 private exponent is at least 2 (REQ-KEX-5)");
        }
        return new Modp2048KeyExchange(x);
    }

    @Override
    public byte[] publicShare() {
        return publicShare.clone();
    }

    /** REQ-KEX-7 first, then REQ-KEX-8: z = y^x mod p, 256 bytes with its leading zeros. */
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws ProtocolException {
        BigInteger y = Modp2048Group.validateShare(peerShare);
        return Modp2048Group.encode(y.modPow(exponent, Modp2048Group.P));
    }
}
