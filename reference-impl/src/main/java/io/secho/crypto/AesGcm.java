package io.secho.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, through JCE. One instance per key and direction;
 * not thread-safe (it reuses one {@link Cipher}).
 */
public final class AesGcm {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final SecretKeySpec key;
    private final Cipher cipher;

    public AesGcm(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM key must be " + KEY_LENGTH + " bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is unavailable", e);
        }
    }

    /** @return ciphertext followed by the 16-byte tag */
    public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
        checkNonce(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Seals {@code buffer[offset, offset + length)} in place and writes the tag right after it, so a record
     * is encrypted where it will be sent from, without a copy.
     *
     * @param buffer must have {@link #TAG_LENGTH} bytes after the plaintext for the tag
     * @return the bytes written: {@code length + TAG_LENGTH}
     */
    public int sealInPlace(byte[] nonce, byte[] associatedData, byte[] buffer, int offset, int length) {
        checkNonce(nonce);
        if (offset < 0 || length < 0 || buffer.length - offset - length < TAG_LENGTH) {
            throw new IllegalArgumentException("no room for " + length + " bytes and the tag at offset " + offset
                    + " of " + buffer.length);
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(buffer, offset, length, buffer, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @param ciphertextAndTag ciphertext followed by the 16-byte tag
     * @throws AEADBadTagException if the tag does not verify; no plaintext is released then
     */
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) throws AEADBadTagException {
        return open(nonce, associatedData, ciphertextAndTag, 0, ciphertextAndTag.length);
    }

    /**
     * Opens ciphertext and tag found at {@code input[offset, offset + length)}, such as inside a record's body,
     * without copying them out first.
     *
     * @throws AEADBadTagException if the tag does not verify; no plaintext is released then
     */
    public byte[] open(byte[] nonce, byte[] associatedData, byte[] input, int offset, int length)
            throws AEADBadTagException {
        checkNonce(nonce);
        if (offset < 0 || length < 0 || offset > input.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside " + input.length + " bytes");
        }
        if (length < TAG_LENGTH) {
            throw new AEADBadTagException("input shorter than the tag");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-GCM nonce must be " + NONCE_LENGTH + " bytes, was " + nonce.length);
        }
    }
}
