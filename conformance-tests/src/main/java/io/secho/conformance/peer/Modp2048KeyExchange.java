package io.secho.conformance.peer;

import java.math.BigInteger;

/** Suite modp2048 (Section 6.2): a 256-bit exponent; the formulas are {@link KeyShares}'. */
public final class Modp2048KeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = Modp2048Group.ELEMENT_LENGTH;

    private final BigInteger x;
    /** g^x mod p, computed once: a modular exponentiation is the costly step. */
    private final byte[] y;

    private Modp2048KeyExchange(BigInteger x) {
        this.x = x;
        this.y = KeyShares.modpShare(x);
    }

    /** REQ-KEX-1, REQ-KEX-5. */
    public static Modp2048KeyExchange generate(RandomBytes random) {
        return new Modp2048KeyExchange(KeyShares.drawExponent(random));
    }

    /** A given exponent, 32 bytes big-endian: for the vectors, whose sessions fix it. */
    public static Modp2048KeyExchange fromPrivateKey(byte[] privateKey) {
        BigInteger given = new BigInteger(1, privateKey);
        if (privateKey.length != Modp2048Group.PRIVATE_EXPONENT_LENGTH || given.compareTo(BigInteger.TWO) < 0) {
            throw new IllegalArgumentException("a modp2048 exponent is " + Modp2048Group.PRIVATE_EXPONENT_LENGTH
                    + " bytes and at least 2 (REQ-KEX-5)");
        }
        return new Modp2048KeyExchange(given);
    }

    @Override
    public byte[] publicShare() {
        return y.clone();
    }

    /** REQ-KEX-7 (range check) and REQ-KEX-8. */
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws ProtocolException {
        return KeyShares.modpSecret(x, peerShare);
    }
}
