package io.secho.conformance.peer;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC-SHA256 (RFC 2104) and the constant-time comparison that verify_data needs (REQ-FIN-8). */
public final class HmacSha256 {
    public static final int MAC_LENGTH = 32;

    private HmacSha256() {
    }

    public static byte[] mac(byte[] key, byte[]... message) {
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        for (byte[] part : message) {
            hmac.update(part, 0, part.length);
        }
        byte[] out = new byte[MAC_LENGTH];
        hmac.doFinal(out, 0);
        return out;
    }

    /**
     * REQ-FIN-8: the time taken does not depend on where or how two equal-length values differ: every byte
     * is visited and the differences are OR-ed together, with no early exit. The lengths themselves are
     * public (a Finished body is 32 bytes or it is a decode_error).
     */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < a.length; i++) {
            difference |= a[i] ^ b[i];
        }
        return difference == 0;
    }
}
