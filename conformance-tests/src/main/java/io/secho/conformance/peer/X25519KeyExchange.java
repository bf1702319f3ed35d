package io.secho.conformance.peer;

import org.bouncycastle.math.ec.rfc7748.X25519;

/** Suite x25519 (Section 6.1) on Bouncy Castle's RFC 7748 implementation. */
public final class X25519KeyExchange implements KeyExchange {
    public static final int SHARE_LENGTH = X25519.POINT_SIZE;
    public static final int PRIVATE_KEY_LENGTH = X25519.SCALAR_SIZE;

    private final byte[] privateKey;
    private final byte[] publicShare;

    private X25519KeyExchange(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicShare = new byte[SHARE_LENGTH];
        // REQ-KEX-2: X25519(k, 9); the function clamps k itself.
        X25519.scalarMultBase(privateKey, 0, publicShare, 0);
    }

    /** REQ-KEX-1 / REQ-KEX-2: 32 fresh bytes from {@code random} as the private key. */
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
        return publicShare.clone();
    }

    /**
     * REQ-KEX-3: any 32 bytes are accepted and decoded as RFC 7748 says (bit 255 masked, non-canonical values
     * reduced: X25519 does both). REQ-KEX-4: an all-zero result, which every low-order share gives, is
     * {@code illegal_parameter}.
     */
    @Override
    public byte[] sharedSecret(byte[] peerShare) throws ProtocolException {
        if (peerShare.length != SHARE_LENGTH) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    "x25519 key share of " + peerShare.length + " bytes (must be " + SHARE_LENGTH + ")");
        }
        byte[] secret = new byte[SHARE_LENGTH];
        X25519.scalarMult(privateKey, 0, peerShare, 0, secret, 0);
        if (allZero(secret)) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    "x25519 shared secret is all zeros (a low-order key share)");
        }
        return secret;
    }

    /** Without an early exit, so that the check takes as long for every secret. */
    private static boolean allZero(byte[] bytes) {
        int bits = 0;
        for (byte b : bytes) {
            bits |= b;
        }
        return bits == 0;
    }
}
