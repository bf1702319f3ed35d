package io.secho.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;

/** HMAC-SHA256 (RFC 2104) through JCE, with a constant-time check. */
public final class HmacSha256 {
    public static final int MAC_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    /**
     * Never initialised and never used itself, only cloned: a clone skips the provider lookup that
     * Mac.getInstance makes, which costs more than the MAC of a handshake's short inputs.
     */
    private static final Mac PROTOTYPE = newMac();

    private HmacSha256() {
    }

    public static byte[] mac(byte[] key, byte[] message) {
        return keyed(key).doFinal(message);
    }

    /**
     * A Mac ready to use with {@code key}; after each doFinal it is ready again with the same key.
     *
     * @throws IllegalArgumentException for an empty key, which JCE refuses
     */
    static Mac keyed(byte[] key) {
        Mac mac = fresh();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused a key of " + key.length + " bytes", e);
        }
        return mac;
    }

    /** Compares in time that does not depend on where the inputs differ. */
    // REQ-FIN-8: the time taken does not depend on where the inputs differ.
    public static boolean constantTimeEquals(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static Mac fresh() {
        try {
            return (Mac) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newMac();
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
