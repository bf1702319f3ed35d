package io.secho.crypto;

import java.math.BigInteger;

/** The 2048-bit MODP group of RFC 3526 section 3 (group 14), the lab's own group. */
public final class Modp2048Group {
    public static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
            + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
            + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
            + "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);
    public static final BigInteger G = BigInteger.TWO;
    /** Encoded length of public values and of the shared secret: the byte length of p. */
    public static final int ELEMENT_LENGTH = 256;
    /** RFC 7919 §5.2: at least twice the group's ~112-bit strength; 256 bits keeps a margin. */
    public static final int PRIVATE_EXPONENT_BITS = 256;

    private Modp2048Group() {
    }

    /** Big-endian, left-padded with zeros to exactly {@link #ELEMENT_LENGTH} bytes. */
    public static byte[] encode(BigInteger element) {
        if (element.signum() < 0 || element.compareTo(P) >= 0) {
            throw new IllegalArgumentException("not a group element: out of [0, p)");
        }
        byte[] magnitude = element.toByteArray();
        byte[] out = new byte[ELEMENT_LENGTH];
        int copy = Math.min(magnitude.length, ELEMENT_LENGTH);
        System.arraycopy(magnitude, magnitude.length - copy, out, ELEMENT_LENGTH - copy, copy);
        return out;
    }

    /** Pads a big-endian value that may have lost its leading zeros. */
    static byte[] leftPad(byte[] value) {
        if (value.length == ELEMENT_LENGTH) {
            return value;
        }
        if (value.length > ELEMENT_LENGTH) {
            throw new IllegalArgumentException("value of " + value.length + " bytes is longer than p");
        }
        byte[] out = new byte[ELEMENT_LENGTH];
        System.arraycopy(value, 0, out, ELEMENT_LENGTH - value.length, value.length);
        return out;
    }
}
