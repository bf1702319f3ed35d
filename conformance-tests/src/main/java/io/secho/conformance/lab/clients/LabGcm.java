package io.secho.conformance.lab.clients;

import io.secho.conformance.peer.Hkdf;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The lab test server's cryptography, from spec/lab-profile.md with the JDK and the harness's own engine: a record
 * is {@code nonce || AES-GCM ciphertext || 16-byte tag} (LAB-R3; any nonce length and a 16- or 32-byte key, where
 * Secho v1's AES-GCM has only 12 and 32: GCM hashes a nonce that is not 12 bytes into its counter block), and the
 * dh variant's session key is HKDF-SHA256 with no salt (RFC 5869: 32 zero bytes) (LAB-R2). Nothing here is shared
 * with the reference implementation, so a mistake the reference and a client share does not hide itself.
 */
final class LabGcm {
    static final int TAG_LENGTH = 16;
    static final int SESSION_KEY_LENGTH = 32;
    private static final int SHA256_LENGTH = 32;

    private LabGcm() {
    }

    /** {@code nonce || ciphertext || tag}. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] record = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, record, nonce.length, sealed.length);
            return record;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime: " + e.getMessage(), e);
        }
    }

    /** The plaintext of {@code nonce || ciphertext || tag}; empty when it is too short or its tag does not verify. */
    static Optional<byte[]> open(byte[] key, int nonceLength, byte[] record, byte[] aad) {
        if (record.length < nonceLength + TAG_LENGTH) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8,
                    record, 0, nonceLength));
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return Optional.of(cipher.doFinal(record, nonceLength, record.length - nonceLength));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime: " + e.getMessage(), e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) with no salt, that is 32 zero bytes: the harness's own {@link Hkdf}. */
    static byte[] hkdf(byte[] ikm, byte[] info, int length) {
        return Hkdf.expand(Hkdf.extract(new byte[SHA256_LENGTH], ikm), info, length);
    }
}
