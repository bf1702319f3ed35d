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
    private EchoTransform() {
    }

    /** @throws ProtocolException bad_payload if the request is not well-formed UTF-8 */
    public static byte[] apply(byte[] request) throws ProtocolException {
        return toUpperCase(decodeStrictUtf8(request)).getBytes(StandardCharsets.UTF_8);
    }

    /** Full (one-to-many) default mapping: "ß" -> "SS", "ΐ" -> "Ϊ́". */
    public static String toUpperCase(String text) {
        return text.toUpperCase(Locale.ROOT);
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
