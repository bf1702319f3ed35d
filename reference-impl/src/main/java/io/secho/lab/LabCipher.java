package io.secho.lab;

import io.secho.crypto.RandomBytes;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The lab's record: {@code nonce || ciphertext || tag(16)}, AES-GCM under one key for both directions.
 * It goes to JCE directly rather than through {@code io.secho.crypto.AesGcm}, which holds Secho v1 to
 * AES-256 and 12-byte nonces on purpose; the lab also uses AES-128 keys and 16-byte nonces. A new
 * {@link Cipher} per record keeps an instance safe to share between threads.
 */
public final class LabCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = LabProfile.TAG_LENGTH * 8;

    private final SecretKeySpec key;
    private final int nonceLength;
    private final byte[] aad;

    public LabCipher(byte[] key, LabProfile profile) {
        LabKey.checkLength(key.length, "key");
        this.key = new SecretKeySpec(key, "AES");
        this.nonceLength = profile.nonceLength();
        this.aad = profile.aad();
    }

    /** Seals under a fresh random nonce. */
    public byte[] seal(RandomBytes random, byte[] plaintext) {
        return seal(random.nextBytes(nonceLength), plaintext);
    }

    /** Seals under the nonce given: for tests and for the harness, which chooses nonces on purpose. */
    public byte[] seal(byte[] nonce, byte[] plaintext) {
        checkNonce(nonce);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        byte[] record = Arrays.copyOf(nonce, nonce.length + sealed.length);
        System.arraycopy(sealed, 0, record, nonce.length, sealed.length);
        return record;
    }

    /** @throws LabProtocolException if the record is too short or its tag does not verify; no plaintext then */
    public byte[] open(byte[] record) throws LabProtocolException {
        if (record.length < nonceLength + LabProfile.TAG_LENGTH) {
            throw new LabProtocolException("a record of " + record.length + " bytes is shorter than a " + nonceLength
                    + "-byte nonce and a " + LabProfile.TAG_LENGTH + "-byte tag");
        }
        byte[] nonce = Arrays.copyOf(record, nonceLength);
        byte[] sealed = Arrays.copyOfRange(record, nonceLength, record.length);
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new LabProtocolException("the tag of a " + record.length + "-byte record does not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    public int nonceLength() {
        return nonceLength;
    }

    /** The nonce a record carries: its first bytes. */
    public byte[] nonceOf(byte[] record) {
        return Arrays.copyOf(record, Math.min(nonceLength, record.length));
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    private void checkNonce(byte[] nonce) {
        if (nonce.length != nonceLength) {
            throw new IllegalArgumentException("nonce must be " + nonceLength + " bytes, was " + nonce.length);
        }
    }
}
