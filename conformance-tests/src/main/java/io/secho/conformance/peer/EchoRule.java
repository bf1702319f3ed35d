package io.secho.conformance.peer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The echo of Section 10, computed from the spec's rule, so that the harness does not take the expected
 * reply from the implementation it judges: the request must be well-formed UTF-8 by the table of
 * Section 10.2 (checked here byte by byte, not by a lenient decoder), and each code point is replaced by
 * its full upper-case mapping (Section 10.3), one code point at a time.
 */
public final class EchoRule {
    private static final int MAX_ONE_BYTE = 0x7f;
    private static final int CONTINUATION_MIN = 0x80;
    private static final int CONTINUATION_MAX = 0xbf;

    private EchoRule() {
    }

    /**
     * REQ-ECHO-1: the reply payload a server owes for {@code request}.
     *
     * @throws ProtocolException {@code bad_payload} for a request that is not well-formed UTF-8 (REQ-ECHO-7)
     */
    public static byte[] reply(byte[] request) throws ProtocolException {
        return expectedReply(request).orElseThrow(() -> new ProtocolException(AlertCode.BAD_PAYLOAD,
                "the request is not well-formed UTF-8"));
    }

    /** The reply owed for {@code request}, or empty when the server owes {@code bad_payload} instead. */
    public static Optional<byte[]> expectedReply(byte[] request) {
        return codePoints(request).map(points -> {
            StringBuilder upper = new StringBuilder(points.length * 2);
            for (int point : points) {
                upper.append(upperCase(point));
            }
            return upper.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    /**
     * Section 10.3 on a string: every code point mapped on its own, so no context (Final_Sigma) and no
     * language (tr, az, lt) can enter (REQ-ECHO-10).
     */
    public static String upperCase(String text) {
        StringBuilder upper = new StringBuilder(text.length() + text.length() / 2);
        text.codePoints().forEach(point -> upper.append(upperCase(point)));
        return upper.toString();
    }

    /**
     * REQ-ECHO-9: the full Uppercase_Mapping of one code point: the unconditional SpecialCasing entry (ß to
     * SS), else the simple mapping, else the code point. The JDK's root-locale upper-casing of a string that
     * holds only this code point is exactly that: with a single code point there is no context, and the
     * root locale has no language-specific entries.
     */
    static String upperCase(int codePoint) {
        return new String(Character.toChars(codePoint)).toUpperCase(Locale.ROOT);
    }

    /** Section 10.2, REQ-ECHO-7 and REQ-ECHO-8. */
    public static boolean wellFormedUtf8(byte[] bytes) {
        return codePoints(bytes).isPresent();
    }

    /**
     * The code points of well-formed UTF-8, by the table of Section 10.2 (Unicode D92, Table 3-7): the first
     * byte fixes the length and the range of the second byte, every further byte is 80..BF. This rejects
     * overlong forms, surrogates, values above U+10FFFF, truncated sequences and stray continuation bytes.
     */
    public static Optional<int[]> codePoints(byte[] bytes) {
        int[] points = new int[bytes.length];
        int count = 0;
        int i = 0;
        while (i < bytes.length) {
            int first = bytes[i] & 0xff;
            if (first <= MAX_ONE_BYTE) {
                points[count++] = first;
                i++;
                continue;
            }
            Sequence sequence = Sequence.startingWith(first);
            if (sequence == null || bytes.length - i < sequence.length()) {
                return Optional.empty();
            }
            int second = bytes[i + 1] & 0xff;
            if (second < sequence.secondMin() || second > sequence.secondMax()) {
                return Optional.empty();
            }
            int point = first & sequence.leadMask();
            for (int k = 1; k < sequence.length(); k++) {
                int next = bytes[i + k] & 0xff;
                if (next < CONTINUATION_MIN || next > CONTINUATION_MAX) {
                    return Optional.empty();
                }
                point = (point << 6) | (next & 0x3f);
            }
            points[count++] = point;
            i += sequence.length();
        }
        return Optional.of(Arrays.copyOf(points, count));
    }

    /** One row of Section 10.2's table: its lead bytes, its length and the range of its second byte. */
    private record Sequence(int length, int leadMask, int secondMin, int secondMax) {
        static Sequence startingWith(int lead) {
            if (lead >= 0xc2 && lead <= 0xdf) {
                return new Sequence(2, 0x1f, 0x80, 0xbf);
            }
            if (lead == 0xe0) {
                return new Sequence(3, 0x0f, 0xa0, 0xbf);
            }
            if ((lead >= 0xe1 && lead <= 0xec) || lead == 0xee || lead == 0xef) {
                return new Sequence(3, 0x0f, 0x80, 0xbf);
            }
            if (lead == 0xed) {
                return new Sequence(3, 0x0f, 0x80, 0x9f);
            }
            if (lead == 0xf0) {
                return new Sequence(4, 0x07, 0x90, 0xbf);
            }
            if (lead >= 0xf1 && lead <= 0xf3) {
                return new Sequence(4, 0x07, 0x80, 0xbf);
            }
            if (lead == 0xf4) {
                return new Sequence(4, 0x07, 0x80, 0x8f);
            }
            // 80..C1 and F5..FF start no well-formed sequence.
            return null;
        }
    }
}
