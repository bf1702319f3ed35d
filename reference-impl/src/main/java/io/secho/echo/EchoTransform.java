package io.secho.echo;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The echo: strict UTF-8 in, the Unicode full default upper-case mapping, UTF-8 out. Locale.ROOT keeps
 * the language-specific rules (Turkish dotted i, Lithuanian) out, whatever the JVM's default locale.
 */
public final class EchoTransform {
    /** Chars per toUpperCase call; small enough that JDK 17's quadratic growth never shows. */
    private static final int UPPER_CASE_CHUNK = 256;
    private EchoTransform() {
    }

    /** @throws ProtocolException bad_payload if the request is not well-formed UTF-8 */
    // REQ-ECHO-6, REQ-ECHO-7, REQ-ECHO-8, REQ-ECHO-9, REQ-ECHO-10: strict UTF-8, full locale-free upper-casing, no control meaning.
    public static byte[] apply(byte[] request) throws ProtocolException {
        return toUpperCase(decodeStrictUtf8(request)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Full (one-to-many) default mapping: "ß" -> "SS", "ΐ" -> "Ϊ́". Done in chunks because JDK 17's
     * toUpperCase grows its result one expansion at a time, which is quadratic in the number of expanding
     * characters (34 ms of CPU for one 16 KiB request of U+0390): cheap for a client, costly for the
     * server. The mapping is per code point with no context (spec 10.3), so chunks cut between code points
     * give exactly the same result.
     */
    public static String toUpperCase(String text) {
        if (text.length() <= UPPER_CASE_CHUNK) {
            return text.toUpperCase(Locale.ROOT);
        }
        StringBuilder upper = new StringBuilder(text.length() + text.length() / 2);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + UPPER_CASE_CHUNK);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            upper.append(text.substring(start, end).toUpperCase(Locale.ROOT));
            start = end;
        }
        return upper.toString();
    }

    /**
     * Rejects what RFC 3629 forbids: overlong forms, encoded surrogates, code points above U+10FFFF,
     * truncated sequences, stray continuation bytes, 0xC0, 0xC1 and 0xF5..0xFF.
     */
    public static String decodeStrictUtf8(byte[] bytes) throws ProtocolException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(AlertCode.BAD_PAYLOAD, "request is not well-formed UTF-8 ("
                    + e.getMessage() + ")");
        }
    }
}
