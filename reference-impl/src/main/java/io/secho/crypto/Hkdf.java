package io.secho.crypto;

import javax.crypto.Mac;

/**
 * HKDF-SHA256 (RFC 5869), Extract and Expand kept apart as the key schedule uses them. Built on JCE's
 * HMAC, whose SHA-256 the JIT compiles to the processor's SHA instructions: a handshake runs seven HKDF
 * steps, and a pure-Java SHA-256 made them a visible part of its cost.
 */
public final class Hkdf {
    /** RFC 5869: at most 255 blocks of output. */
    public static final int MAX_OUTPUT_LENGTH = 255 * HmacSha256.MAC_LENGTH;

    private Hkdf() {
    }

    public static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        // RFC 5869: no salt means HashLen zero bytes. HMAC pads every key with zeros to the block size, so
        // an empty salt is that same key; JCE would refuse it as empty.
        byte[] key = salt.length == 0 ? new byte[HmacSha256.MAC_LENGTH] : salt;
        return HmacSha256.mac(key, inputKeyMaterial);
    }

    public static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("HKDF-Expand length must be 1.." + MAX_OUTPUT_LENGTH + ", was " + length);
        }
        if (pseudoRandomKey.length < 32) {
            throw new IllegalArgumentException("HKDF-Expand PRK must be at least 32 bytes, was " + pseudoRandomKey.length);
        }
        Mac mac = HmacSha256.keyed(pseudoRandomKey);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int filled = 0;
        // T(i) = HMAC(PRK, T(i-1) || info || i), T(0) empty; the output is T(1) || T(2) || ... cut to length.
        for (int i = 1; filled < length; i++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) i);
            block = mac.doFinal();
            int take = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, take);
            filled += take;
        }
        return out;
    }
}
