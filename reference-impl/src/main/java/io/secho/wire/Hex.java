package io.secho.wire;

import java.util.HexFormat;

/** Lower-case hex, the only form the spec, the vectors and the logs use. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /**
     * @throws IllegalArgumentException with a message that names the problem, for odd length or a non-hex digit
     */
    public static byte[] decode(String hex) {
        String trimmed = hex.strip();
        if (trimmed.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits (" + trimmed.length() + ")");
        }
        try {
            return FORMAT.parseHex(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex string: " + e.getMessage(), e);
        }
    }
}
