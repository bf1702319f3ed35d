package io.secho.conformance.faults;

import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The echo transform (spec section 10), and the plausible ways of getting it almost right. */
final class EchoReply {
    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private EchoReply() {
    }

    /** @throws ProtocolException bad_payload for ill-formed UTF-8, unless the fault decodes leniently */
    static byte[] of(byte[] request, Fault fault) throws ProtocolException {
        return switch (fault) {
            // Upper-cases with the server's default locale, and the server runs under tr-TR.
            case DEFAULT_LOCALE_TR -> utf8(EchoTransform.decodeStrictUtf8(request).toUpperCase(TURKISH));
            case ASCII_ONLY_UPPERCASE -> asciiOnly(EchoTransform.decodeStrictUtf8(request));
            case SIMPLE_CASE_MAPPING -> simpleMapping(EchoTransform.decodeStrictUtf8(request));
            // new String(bytes, UTF_8): ill-formed input becomes U+FFFD instead of bad_payload.
            case LENIENT_UTF8 -> utf8(EchoTransform.toUpperCase(new String(request, StandardCharsets.UTF_8)));
            default -> EchoTransform.apply(request);
        };
    }

    /** What a server that echoes before it checks the tag sends: whatever came out, decoded leniently. */
    static byte[] ofUnchecked(byte[] payload) {
        return utf8(EchoTransform.toUpperCase(new String(payload, StandardCharsets.UTF_8)));
    }

    private static byte[] asciiOnly(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        text.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c)));
        return utf8(upper.toString());
    }

    /** Character.toUpperCase per code point: the 1:1 mapping, so "ß" stays "ß" and "ﬁ" stays "ﬁ". */
    private static byte[] simpleMapping(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        text.codePoints().forEach(c -> upper.appendCodePoint(Character.toUpperCase(c)));
        return utf8(upper.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
