package io.secho.conformance.peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The 32-byte key of suite psk (REQ-KEX-9, REQ-KEX-10). It never shows itself in text. */
public final class PreSharedKey {
    public static final int LENGTH = 32;
    /** REQ-KEX-11: a PSK file holds the key as 64 hex digits... */
    public static final int FILE_DIGITS = 2 * LENGTH;
    /** ...optionally followed by one line end, LF or CRLF, and nothing else. */
    private static final int LONGEST_FILE = FILE_DIGITS + 2;
    private static final String FILE_FORMAT = FILE_DIGITS + " hex digits, optionally followed by one line end";

    private final byte[] key;

    private PreSharedKey(byte[] key) {
        this.key = key;
    }

    /** A key of exactly 32 bytes (REQ-KEX-10), copied. */
    public static PreSharedKey of(byte[] key) {
        if (key.length == LENGTH) {
            return new PreSharedKey(key.clone());
        }
        throw new IllegalArgumentException("a pre-shared key is " + LENGTH + " bytes, not " + key.length);
    }

    /**
     * The key in a PSK file (REQ-KEX-11): exactly 64 hex digits in either case, then at most one LF or CRLF.
     *
     * @throws IOException              the file cannot be read
     * @throws IllegalArgumentException the file holds anything else; the message says what is wrong without
     *                                  showing any of the content, which may be a key
     */
    public static PreSharedKey fromFile(Path file) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            // One byte more than the longest valid file is enough to know the file is too long.
            content = in.readNBytes(LONGEST_FILE + 1);
        }
        try {
            return fromFileContent(content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** The rule of {@link #fromFile} on bytes already read. */
    public static PreSharedKey fromFileContent(byte[] content) {
        int digits = content.length;
        if (endsWith(content, '\r', '\n')) {
            digits -= 2;
        } else if (endsWith(content, '\n')) {
            digits -= 1;
        }
        if (digits != FILE_DIGITS) {
            throw new IllegalArgumentException("a PSK file holds " + FILE_FORMAT + "; this one has "
                    + (content.length > LONGEST_FILE ? "more than " + LONGEST_FILE : content.length) + " bytes");
        }
        byte[] key = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int high = hexDigit(content[2 * i]);
            int low = hexDigit(content[2 * i + 1]);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("a PSK file holds " + FILE_FORMAT
                        + "; this one has a character that is no hex digit");
            }
            key[i] = (byte) (high << 4 | low);
        }
        return new PreSharedKey(key);
    }

    /** The value of an ASCII hex digit, either case; -1 for any other byte. */
    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static boolean endsWith(byte[] content, char... tail) {
        if (content.length < tail.length) {
            return false;
        }
        for (int i = 0; i < tail.length; i++) {
            if (content[content.length - tail.length + i] != tail[i]) {
                return false;
            }
        }
        return true;
    }

    /** The key itself: for the key schedule, never for a message or a log. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The file content REQ-KEX-11 describes: 64 lower-case hex digits and LF. */
    public byte[] fileContent() {
        return (Hex.encode(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Never the key: a PSK in a report or a trace would be a leak. Equality is identity, on purpose. */
    @Override
    public String toString() {
        return "PreSharedKey[not shown]";
    }
}
