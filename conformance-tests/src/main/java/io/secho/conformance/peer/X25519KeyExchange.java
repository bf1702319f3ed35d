package io.secho.conformance.peer;

/** Suite x25519 (Section 6.1): a 32-byte private key; the formulas are {@link KeyShares}'. */
public final class X25519KeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = KeyShares.X25519_LENGTH;
    public static final int PRIVATE_KEY_LENGTH = KeyShares.X25519_LENGTH;

    /** k, unclamped: X25519 clamps it on every use (REQ-KEX-2). */
    private final byte[] scalar;

    private X25519KeyExchange(byte[] scalar) {
        this.scalar = scalar;
    }

    /** REQ-KEX-1, REQ-KEX-2: 32 fresh bytes from {@code random}. */
    public static X25519KeyExchange generate(RandomBytes random) {
        return new X25519KeyExchange(random.nextBytes(PRIVATE_KEY_LENGTH));
    }

    /** A given private key: for the vectors, whose sessions fix it. */
    public static X25519KeyExchange fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is " + PRIVATE_KEY_LENGTH + " bytes");
        }
        return new X25519KeyExchange(privateKey.clone());
    }

    @Override
    public byte[] publicShare() {
        return KeyShares.x25519Share(scalar);
    }

    /** REQ-KEX-3 (any 32 bytes decode) and REQ-KEX-4 (an all-zero secret is refused). */
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws ProtocolException {
        return KeyShares.x25519Secret(scalar, peerShare);
    }
}
