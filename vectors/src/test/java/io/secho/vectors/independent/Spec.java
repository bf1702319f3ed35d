package io.secho.vectors.independent;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Secho v1 written down a second time, from the spec text alone, on Bouncy Castle's low-level API: the byte
 * layouts of sections 4, 5, 8 and 9, the key schedule of section 7, the key exchanges of section 6. It shares
 * no code with the reference implementation (IndependenceTest enforces that).
 */
final class Spec {
    // Section 6.2, copied from the spec's hex.
    static final BigInteger P = new BigInteger(("FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1"
            + " 29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
            + " 4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED EE386BFB 5A899FA5"
            + " AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F"
            + " 83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C"
            + " 32905E46 2E36CE3B E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718"
            + " 3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AACAA68 FFFFFFFF FFFFFFFF").replace(" ", ""), 16);
    static final BigInteger G = BigInteger.valueOf(2);
    static final DHParameters GROUP = new DHParameters(P, G);

    // Table 2 and Table 4.
    static final int CLIENT_HELLO = 0x01;
    static final int SERVER_HELLO = 0x02;
    static final int FINISHED = 0x03;
    static final int ALERT = 0x04;
    static final int RECORD = 0x05;
    static final int MAX_PLAINTEXT_BODY = 1024;
    static final int MAX_RECORD_C2S = 16413;
    static final int MAX_RECORD_S2C = 49181;
    static final int MIN_RECORD = 29;

    private Spec() {
    }

    static int suiteCode(String name) {
        return switch (name) {
            case "x25519" -> 0x01;
            case "modp2048" -> 0x02;
            case "psk" -> 0x03;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static int shareLength(int suiteCode) {
        return switch (suiteCode) {
            case 0x01 -> 32;
            case 0x02 -> 256;
            case 0x03 -> 0;
            default -> throw new IllegalArgumentException("suite " + suiteCode);
        };
    }

    // ---- bytes ----

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] u8(int value) {
        return new byte[] {(byte) value};
    }

    static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    static byte[] u64(long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // ---- layouts ----

    /** Table 1: type || length || body. */
    static byte[] frame(int type, byte[] body) {
        return cat(u8(type), u16(body.length), body);
    }

    /** Table 3: version || suite || random || share_len || key_share, in a frame. */
    static byte[] hello(int type, int suiteCode, byte[] random, byte[] share) {
        return frame(type, cat(u16(0x0001), u8(suiteCode), random, u16(share.length), share));
    }

    /** Table 11: header (= AAD) || salt || seq || AES-256-GCM(inner_type || payload) || tag. */
    static byte[] record(byte[] key, byte[] salt, long seq, int innerType, byte[] payload) {
        byte[] header = cat(u8(RECORD), u16(MIN_RECORD + payload.length));
        byte[] nonce = cat(salt, u64(seq));
        return cat(header, nonce, gcm(true, key, nonce, header, cat(u8(innerType), payload)));
    }

    // ---- primitives (Bouncy Castle low-level only) ----

    static byte[] sha256(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] hmac(byte[] key, byte[] message) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    static byte[] hkdfExtract(byte[] salt, byte[] ikm) {
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, ikm);
    }

    static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    /** Encrypt: ciphertext || tag. Decrypt: the plaintext, or null when the tag does not verify. */
    static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            length += cipher.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            return null;
        }
        return Arrays.copyOf(out, length);
    }

    static byte[] x25519Public(byte[] privateKey) {
        return new X25519PrivateKeyParameters(privateKey).generatePublicKey().getEncoded();
    }

    /** X25519(k, u), or null for the all-zero result that REQ-KEX-4 rejects. */
    static byte[] x25519(byte[] privateKey, byte[] peerShare) {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey));
        byte[] out = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerShare), out, 0);
        } catch (IllegalStateException allZero) {
            return null;
        }
        return Arrays.equals(out, new byte[out.length]) ? null : out;
    }

    /** y = g^x mod p, 256 bytes big-endian (REQ-KEX-6). */
    static byte[] modpPublic(byte[] exponent) {
        return be256(G.modPow(new BigInteger(1, exponent), P));
    }

    /** z = y^x mod p, 256 bytes big-endian (REQ-KEX-8); the share must already be range-checked. */
    static byte[] modpSecret(byte[] exponent, byte[] peerShare) {
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(new DHPrivateKeyParameters(new BigInteger(1, exponent), GROUP));
        return be256(agreement.calculateAgreement(new DHPublicKeyParameters(new BigInteger(1, peerShare), GROUP)));
    }

    /** REQ-KEX-7: 1 < y < p-1. */
    static boolean modpShareInRange(byte[] share) {
        BigInteger y = new BigInteger(1, share);
        return y.compareTo(BigInteger.ONE) > 0 && y.compareTo(P.subtract(BigInteger.ONE)) < 0;
    }

    static byte[] be256(BigInteger value) {
        byte[] magnitude = value.toByteArray();
        byte[] out = new byte[256];
        int n = Math.min(magnitude.length, 256);
        System.arraycopy(magnitude, magnitude.length - n, out, 256 - n, n);
        return out;
    }

    // ---- key schedule (section 7) ----

    /** Every value of the schedule, named as in the vectors. */
    record Schedule(byte[] th1, byte[] prk, byte[] c2sKey, byte[] c2sSalt, byte[] s2cKey, byte[] s2cSalt,
                    byte[] cFinishedKey, byte[] sFinishedKey, byte[] serverVerifyData, byte[] serverFinished,
                    byte[] th2, byte[] clientVerifyData, byte[] clientFinished) {
    }

    static Schedule schedule(byte[] secret, byte[] clientHello, byte[] serverHello) {
        byte[] th1 = sha256(clientHello, serverHello);
        byte[] prk = hkdfExtract(ascii("secho v1"), secret);
        byte[] cFin = hkdfExpand(prk, cat(ascii("c finished"), th1), 32);
        byte[] sFin = hkdfExpand(prk, cat(ascii("s finished"), th1), 32);
        byte[] serverVerify = hmac(sFin, th1);
        byte[] serverFinished = frame(FINISHED, serverVerify);
        byte[] th2 = sha256(clientHello, serverHello, serverFinished);
        byte[] clientVerify = hmac(cFin, th2);
        return new Schedule(th1, prk, hkdfExpand(prk, cat(ascii("c2s key"), th1), 32),
                hkdfExpand(prk, cat(ascii("c2s salt"), th1), 4), hkdfExpand(prk, cat(ascii("s2c key"), th1), 32),
                hkdfExpand(prk, cat(ascii("s2c salt"), th1), 4), cFin, sFin, serverVerify, serverFinished, th2,
                clientVerify, frame(FINISHED, clientVerify));
    }
}
