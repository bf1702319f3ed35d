package io.secho.conformance.peer;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.AEADBadTagException;
import java.util.Arrays;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag (Section 2.2, REQ-REC-1), on Bouncy Castle's block
 * cipher and GCM mode. It takes any nonce the caller gives: choosing the nonce (and reusing one on purpose)
 * is a deviation point of the test peer, so nothing here counts or checks sequence numbers.
 */
public final class AesGcm {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = FrameLimits.NONCE_LENGTH;
    public static final int TAG_LENGTH = FrameLimits.TAG_LENGTH;
    private static final int TAG_BITS = TAG_LENGTH * Byte.SIZE;

    private final byte[] key;

    public AesGcm(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an AES-256 key is " + KEY_LENGTH + " bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /** {@code ciphertext || tag}. */
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        try {
            return run(cipher(true, nonce, associatedData), plaintext);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption checks no tag", e);
        }
    }

    /**
     * The plaintext of {@code ciphertext || tag}; nothing of it when the tag does not verify (REQ-REC-7).
     *
     * @throws AEADBadTagException when the tag does not verify, or the input is shorter than a tag
     */
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) throws AEADBadTagException {
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new AEADBadTagException("shorter than a tag");
        }
        try {
            return run(cipher(false, nonce, associatedData), ciphertextAndTag);
        } catch (InvalidCipherTextException e) {
            throw new AEADBadTagException("tag does not verify");
        }
    }

    /** All of {@code input} through the cipher. Bouncy Castle's GCM releases no plaintext before the tag verifies. */
    private static byte[] run(GCMModeCipher cipher, byte[] input) throws InvalidCipherTextException {
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int written = cipher.processBytes(input, 0, input.length, out, 0);
        written += cipher.doFinal(out, written);
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    private GCMModeCipher cipher(boolean encrypt, byte[] nonce, byte[] associatedData) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("a Secho nonce is " + NONCE_LENGTH + " bytes, not " + nonce.length);
        }
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
        return cipher;
    }
}
