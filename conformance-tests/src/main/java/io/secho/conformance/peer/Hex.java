package io.secho.conformance.peer;

import java.util.HexFormat;

/** Lower-case hex, the notation of the spec's examples and of the vector files (Sections 2.2 and 16.1). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /**
     * The bytes of an even number of hex digits, either case; white space around them is ignored.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static byte[] decode(String hex) {
        String digits = hex.strip();
        if (digits.length() % 2 == 0 && digits.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            return LOWER.parseHex(digits);
        }
        throw new IllegalArgumentException("not an even number of hex digits (" + digits.length() + " characters)");
    }
}
