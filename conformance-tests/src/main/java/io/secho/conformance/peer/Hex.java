package io.secho.conformance.peer;

import java.util.HexFormat;

/** Lower-case hex, the notation of the spec's examples and of the vector files (Section 2.2, 16.1). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /**
     * @throws IllegalArgumentException for an odd number of digits or a character that is no hex digit;
     *                                  surrounding white space is ignored, as in the vector files' readers
     */
    public static byte[] decode(String hex) {
        String digits = hex.strip();
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
        }
        try {
            return LOWER.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + e.getMessage(), e);
        }
    }
}
