package io.secho.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the sec variant's key file is read ({@code --key-file-format}). A file of exactly 32 bytes that are all
 * hex digits is both a raw AES-256 key and the hex of an AES-128 key; {@link #AUTO} reads it as hex and says
 * it is ambiguous, the other two settle it.
 */
public enum KeyFileFormat {
    /** Hex when the file is 32 or 64 hex digits (white space around them ignored), else raw bytes. */
    AUTO,
    /** The file's bytes are the key: 16 or 32 of them. */
    RAW,
    /** The file is the key as 32 or 64 hex digits, white space around them ignored. */
    HEX;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyFileFormat> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.optionName().equals(wanted)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(KeyFileFormat::optionName).collect(Collectors.joining("|"));
    }
}
