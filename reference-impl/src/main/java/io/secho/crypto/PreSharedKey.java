package io.secho.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/** The 256-bit key of the psk suite. Its {@link #toString} never shows the key. */
public final class PreSharedKey {
    public static final int LENGTH = 32;
    private static final String FILE_CONTENT = 2 * LENGTH + " hex digits, optionally followed by one line end (LF or CRLF)";
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

    /** Parses exactly 64 hex digits; surrounding white space is ignored (the environment variable SECHO_PSK). */
    public static PreSharedKey fromHex(String text) {
        String digits = text.strip();
        if (digits.length() != 2 * LENGTH || !digits.chars().allMatch(PreSharedKey::isHexDigit)) {
            throw new IllegalArgumentException("a pre-shared key must be exactly " + 2 * LENGTH
                    + " hex digits (found " + digits.length() + " characters"
                    + (digits.chars().allMatch(PreSharedKey::isHexDigit) ? ")" : ", not all hex digits)"));
        }
        return new PreSharedKey(HexFormat.of().parseHex(digits));
    }

    /**
     * REQ-KEX-11: a PSK file holds exactly 64 hex digits (either case), optionally followed by one line end (LF or
     * CRLF), and nothing else: no byte-order mark, no other white space, no second line.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with its content, never the content
     */
    public static PreSharedKey fromFile(Path file) throws IOException {
        byte[] content = KeyFileBytes.read(file, FILE_CONTENT);
        int digits = content.length;
        if (digits > 0 && content[digits - 1] == '\n') {
            digits--;
            if (digits > 0 && content[digits - 1] == '\r') {
                digits--;
            }
        }
        // One char per byte, so that the message counts bytes and no decoder ever fails on them.
        String text = new String(content, 0, digits, StandardCharsets.ISO_8859_1);
        if (text.length() == 2 * LENGTH && text.chars().allMatch(PreSharedKey::isHexDigit)) {
            return new PreSharedKey(HexFormat.of().parseHex(text));
        }
        throw new IllegalArgumentException(file + ": a PSK file must hold exactly " + FILE_CONTENT + " ("
                + whatIsThere(content, text) + ")");
    }

    /** What the file holds instead, in words that never show the content. */
    private static String whatIsThere(byte[] content, String text) {
        if (startsWith(content, UTF8_BYTE_ORDER_MARK)) {
            return "it begins with a byte-order mark; save it without one";
        }
        String all = new String(content, StandardCharsets.ISO_8859_1);
        if (all.chars().anyMatch(c -> c >= 0x7f || (c < ' ' && !Character.isWhitespace(c)))) {
            return "the file is not plain text";
        }
        String stripped = all.strip();
        if (stripped.length() == 2 * LENGTH && stripped.chars().allMatch(PreSharedKey::isHexDigit)) {
            return "the 64 hex digits have white space or more than one line end around them";
        }
        return "found " + text.length() + " characters before the line end"
                + (text.chars().allMatch(PreSharedKey::isHexDigit) ? "" : ", not all hex digits");
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
