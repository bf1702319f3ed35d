package io.secho.crypto;

import io.secho.wire.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** The 256-bit key of the psk suite. Its {@link #toString} never shows the key. */
public final class PreSharedKey {
    public static final int LENGTH = 32;
    private static final String FILE_CONTENT = 2 * LENGTH + " hex digits as plain text";
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

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

    /**
     * Reads 64 hex digits as plain text; surrounding white space and a UTF-8 byte-order mark (some editors write
     * one) are ignored.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with its content, never the content
     */
    public static PreSharedKey fromFile(Path file) throws IOException {
        byte[] content = KeyFileBytes.read(file, FILE_CONTENT);
        int start = startsWith(content, UTF8_BYTE_ORDER_MARK) ? UTF8_BYTE_ORDER_MARK.length : 0;
        // One char per byte, so that the message counts bytes and no decoder ever fails on them.
        String text = new String(content, start, content.length - start, StandardCharsets.ISO_8859_1);
        try {
            return fromHex(text);
        } catch (IllegalArgumentException e) {
            boolean binary = text.chars().anyMatch(c -> c >= 0x7f || (c < ' ' && !Character.isWhitespace(c)));
            throw new IllegalArgumentException(file + ": " + e.getMessage()
                    + (binary ? "; the file is not plain text: it must hold " + FILE_CONTENT : ""), e);
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
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
