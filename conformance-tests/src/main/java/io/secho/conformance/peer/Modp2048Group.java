package io.secho.conformance.peer;

import java.math.BigInteger;

/** The 2048-bit MODP group of RFC 3526 ("group 14"), g = 2, as Section 6.2 prints it. */
public final class Modp2048Group {
    /** Section 6.2's hex, digit for digit. */
    public static final BigInteger P = new BigInteger(String.join("",
            "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1",
            "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD",
            "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245",
            "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED",
            "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D",
            "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F",
            "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D",
            "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B",
            "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9",
            "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510",
            "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF").replace(" ", ""), 16);
    public static final BigInteger G = BigInteger.TWO;
    /** Key shares and secrets are exactly 256 bytes (REQ-KEX-6, REQ-KEX-8). */
    public static final int ELEMENT_LENGTH = 256;
    /** The private exponent is 32 bytes from the CSPRNG (REQ-KEX-5). */
    public static final int PRIVATE_EXPONENT_BITS = 256;
    public static final int PRIVATE_EXPONENT_LENGTH = PRIVATE_EXPONENT_BITS / Byte.SIZE;
    private static final BigInteger P_MINUS_ONE = P.subtract(BigInteger.ONE);

    private Modp2048Group() {
    }

    /**
     * REQ-KEX-2 / REQ-KEX-8: a value below p as exactly 256 bytes big-endian, left-padded with zeros (the
     * leading zeros are part of a secret).
     */
    public static byte[] encode(BigInteger element) {
        if (element.signum() < 0 || element.compareTo(P) >= 0) {
            throw new IllegalArgumentException("not in [0, p)");
        }
        byte[] out = new byte[ELEMENT_LENGTH];
        byte[] magnitude = element.toByteArray();
        // toByteArray may add a leading sign byte (0x00) or be shorter than 256 bytes.
        int take = Math.min(magnitude.length, ELEMENT_LENGTH);
        System.arraycopy(magnitude, magnitude.length - take, out, ELEMENT_LENGTH - take, take);
        return out;
    }

    /**
     * REQ-KEX-7: a share is an unsigned big-endian integer that must satisfy 1 < y < p-1, which rejects 0, 1,
     * p-1 and everything from p on (the element of order 2 and the identity, Section 14.6).
     *
     * @throws ProtocolException {@code illegal_parameter} for a share out of range or not 256 bytes long
     */
    public static BigInteger validateShare(byte[] share) throws ProtocolException {
        if (share.length != ELEMENT_LENGTH) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER,
                    "modp2048 key share of " + share.length + " bytes (must be " + ELEMENT_LENGTH + ")");
        }
        BigInteger y = new BigInteger(1, share);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P_MINUS_ONE) >= 0) {
            throw new ProtocolException(AlertCode.ILLEGAL_PARAMETER, "modp2048 key share outside 1 < y < p-1");
        }
        return y;
    }
}
