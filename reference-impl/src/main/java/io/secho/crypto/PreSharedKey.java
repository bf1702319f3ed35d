package io.secho.crypto;

import io.secho.wire.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The 256-bit key of the psk suite. Its {@link #toString} never shows the key. */
public final class PreSharedKey {
    public static final int LENGTH = 32;

    private final byte[] key;

    private PreSharedKey(byte[] key) {
        this.key = key;
    }

    public static PreSharedKey of(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a pre-shared key must be " + LENGTH + " bytes, was " + key.length);
        }
        return new PreSharedKey(key.clone());
    }

    /** Parses exactly 64 hex digits; surrounding white space is ignored. */
    public static PreSharedKey fromHex(String text) {
        String digits = text.strip();
        if (digits.length() != 2 * LENGTH || !digits.chars().allMatch(PreSharedKey::isHexDigit)) {
            throw new IllegalArgumentException("a pre-shared key must be exactly " + 2 * LENGTH
                    + " hex digits (found " + digits.length() + " characters"
                    + (digits.chars().allMatch(PreSharedKey::isHexDigit) ? ")" : ", not all hex digits)"));
        }
        return new PreSharedKey(Hex.decode(digits));
    }

    public static PreSharedKey fromFile(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return fromHex(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public byte[] bytes() {
        return key.clone();
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreSharedKey psk && HmacSha256.constantTimeEquals(psk.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Sha256.hash(key));
    }

    @Override
    public String toString() {
        return "PreSharedKey[redacted]";
    }
}
