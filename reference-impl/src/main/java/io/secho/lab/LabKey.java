package io.secho.lab;

import io.secho.crypto.HmacSha256;
import io.secho.crypto.KeyFileBytes;
import io.secho.crypto.Sha256;
import io.secho.wire.Hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The fixed AES key of the sec variant, read from a file as the lab's programs keep it: 16 or 32 raw
 * bytes, or the same as hex text. {@link #source()} says which was read; {@link #toString()} never
 * shows the key.
 */
public final class LabKey {
    public static final int AES_128_LENGTH = 16;
    public static final int AES_256_LENGTH = 32;
    private static final Pattern HEX_TEXT = Pattern.compile("(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{64})");

    private final byte[] key;
    private final String source;
    private final boolean ambiguous;

    private LabKey(byte[] key, String source, boolean ambiguous) {
        this.key = key;
        this.source = source;
        this.ambiguous = ambiguous;
    }

    public static LabKey of(byte[] key) {
        checkLength(key.length, "key");
        return new LabKey(key.clone(), key.length + " bytes given directly", false);
    }

    /** Reads the file as {@link KeyFileFormat#AUTO} does. */
    public static LabKey fromFile(Path file) throws IOException {
        return fromFile(file, KeyFileFormat.AUTO);
    }

    /**
     * With {@link KeyFileFormat#AUTO}, hex text wins when the file (less surrounding white space) is exactly 32
     * or 64 hex digits: 32 random raw bytes are all hex digits with a probability near 2^-112, while a hex key
     * file is common. A key typed by a person ("0123456789abcdef0123456789abcdef", as the lab's programs
     * hard-code it) is another matter, so a file that is also a raw key says so in {@link #source()}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static LabKey fromFile(Path file, KeyFileFormat format) throws IOException {
        byte[] content = KeyFileBytes.read(file, "16 or 32 raw bytes, or 32 or 64 hex digits");
        String text = new String(content, StandardCharsets.ISO_8859_1).strip();
        boolean hex = HEX_TEXT.matcher(text).matches();
        boolean raw = content.length == AES_128_LENGTH || content.length == AES_256_LENGTH;
        String forced = format == KeyFileFormat.AUTO ? "" : " (--key-file-format " + format.optionName() + ")";
        if (hex && format != KeyFileFormat.RAW) {
            byte[] key = Hex.decode(text);
            String ambiguity = raw && format == KeyFileFormat.AUTO ? "; AMBIGUOUS: the file is also " + content.length
                    + " raw bytes, an AES-" + content.length * 8 + " key; --key-file-format raw|hex says which" : "";
            return new LabKey(key, "hex text, " + text.length() + " digits: a " + key.length + "-byte AES-"
                    + key.length * 8 + " key" + forced + ambiguity, raw);
        }
        if (raw && format != KeyFileFormat.HEX) {
            return new LabKey(content, "raw bytes: a " + content.length + "-byte AES-" + content.length * 8 + " key"
                    + forced, hex);
        }
        throw new IllegalArgumentException(file + ": " + content.length + " bytes are " + switch (format) {
            case RAW -> "no raw key (16 or 32 bytes; --key-file-format raw)";
            case HEX -> "no hex key (32 or 64 hex digits; --key-file-format hex)";
            case AUTO -> "neither a raw key (16 or 32 bytes) nor a hex key (32 or 64 hex digits)";
        });
    }

    public byte[] bytes() {
        return key.clone();
    }

    public int length() {
        return key.length;
    }

    /** How the key file was read, for a message to the user; says nothing about the key itself. */
    public String source() {
        return source;
    }

    /** The file reads as a key both raw and as hex: the other reading may be the one the server uses. */
    public boolean ambiguous() {
        return ambiguous;
    }

    static void checkLength(int length, String what) {
        if (length != AES_128_LENGTH && length != AES_256_LENGTH) {
            throw new IllegalArgumentException("an AES " + what + " must be " + AES_128_LENGTH + " or "
                    + AES_256_LENGTH + " bytes, was " + length);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabKey k && k.key.length == key.length && HmacSha256.constantTimeEquals(k.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Sha256.hash(key));
    }

    @Override
    public String toString() {
        return "LabKey[" + key.length + " bytes, redacted]";
    }
}
