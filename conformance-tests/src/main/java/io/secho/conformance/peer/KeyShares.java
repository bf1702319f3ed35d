package io.secho.conformance.peer;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.math.BigInteger;

/**
 * The arithmetic of Section 6, one function per formula: X25519(k, u) on Bouncy Castle's RFC 7748 code,
 * g^x and y^x mod p with {@link BigInteger}. The key exchange classes only hold the private values.
 */
final class KeyShares {
    /** Scalars, u-coordinates and outputs of X25519 are 32-byte strings (Section 6.1). */
    static final int X25519_LENGTH = X25519.POINT_SIZE;
    /** The base point u = 9: {@code 09} and 31 zero bytes. */
    private static final byte[] BASE_POINT = new byte[X25519_LENGTH];

    static {
        BASE_POINT[0] = 9;
    }

    private KeyShares() {
    }

    /** X25519(k, u) of RFC 7748: clamps k, masks bit 255 of u and reduces it (REQ-KEX-2, REQ-KEX-3). */
    static byte[] x25519(byte[] scalar, byte[] u) {
        byte[] result = new byte[X25519_LENGTH];
        X25519.scalarMult(scalar, 0, u, 0, result, 0);
        return result;
    }

    /** REQ-KEX-2: the share is X25519(k, 9). */
    static byte[] x25519Share(byte[] scalar) {
        return x25519(scalar, BASE_POINT);
    }

    /**
     * REQ-KEX-4: X25519(k, peer_share), refused when all 32 bytes are zero, which every low-order share gives.
     *
     * @throws ProtocolException {@code illegal_parameter}
     */
    static byte[] x25519Secret(byte[] scalar, byte[] peerShare) throws ProtocolException {
        if (peerShare.length != X25519_LENGTH) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    "x25519 key share of " + peerShare.length + " bytes (must be " + X25519_LENGTH + ")");
        }
        byte[] secret = x25519(scalar, peerShare);
        int orOfAllBytes = 0;
        for (byte b : secret) {
            orOfAllBytes |= b; // no early exit: the check takes as long for every secret
        }
        if (orOfAllBytes == 0) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    "x25519 shared secret is all zeros (a low-order key share)");
        }
        return secret;
    }

    /** REQ-KEX-5: 32 bytes as an unsigned big-endian integer, drawn again while it is below 2. */
    static BigInteger drawExponent(RandomBytes random) {
        while (true) {
            BigInteger x = new BigInteger(1, random.nextBytes(Modp2048Group.PRIVATE_EXPONENT_LENGTH));
            if (x.compareTo(BigInteger.TWO) >= 0) {
                return x;
            }
        }
    }

    /** REQ-KEX-6: y = g^x mod p, 256 bytes big-endian. */
    static byte[] modpShare(BigInteger x) {
        return Modp2048Group.encode(Modp2048Group.G.modPow(x, Modp2048Group.P));
    }

    /** REQ-KEX-7, then REQ-KEX-8: z = y^x mod p, 256 bytes with its leading zeros. */
    static byte[] modpSecret(BigInteger x, byte[] peerShare) throws ProtocolException {
        return Modp2048Group.encode(Modp2048Group.validateShare(peerShare).modPow(x, Modp2048Group.P));
    }
}
