package io.secho.vectors;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.echo.EchoTransform;
import io.secho.wire.Hex;

import java.nio.charset.StandardCharsets;

/**
 * {@code secho_v1_echo_test.json}: request payload to reply payload (spec section 10), and the ill-formed
 * UTF-8 that must get {@code bad_payload}. Outputs come from the reference implementation; every code point
 * used has had the same full upper-case mapping from Unicode 13.0 on (see the file's header).
 */
final class EchoVectors {
    static final String BASE_NAME = "secho_v1_echo_test";

    private final VectorFile file = new VectorFile("SECHO-V1-ECHO", BASE_NAME);
    private VectorFile.Group group;

    private EchoVectors() {
    }

    static VectorFile build() {
        return new EchoVectors().generate();
    }

    private VectorFile generate() {
        file.header("Secho v1 echo transform (spec section 10): the server decodes the request payload as",
                        "strict UTF-8, maps every code point to its full Unicode upper case (SpecialCasing.txt",
                        "unconditional entries, else UnicodeData.txt simple uppercase, else unchanged; never",
                        "locale-dependent) and replies with the UTF-8 of the result. Valid: 'input' gives exactly",
                        "'output'. Invalid: 'input' is not well-formed UTF-8 and the server answers 'alert'",
                        "(bad_payload) without any reply. Unicode versions: the vectors keep to long-established",
                        "code points (Latin, Greek, Cyrillic, Armenian, Georgian, Deseret, the SpecialCasing",
                        "ligatures; emoji, marks and CJK have no case) whose upper-case mapping is the same in",
                        "every Unicode version from 13.0 to 17.0, so implementations built on any of them must",
                        "agree. Java 17 String.toUpperCase(Locale.ROOT) (Unicode 13.0), Python 3.11 str.upper()",
                        "(14.0), Java 25 (16.0) and JavaScript toUpperCase() on ICU with Unicode 17.0 all produce",
                        "exactly these outputs from a strict UTF-8 decoding.")
                .note("Ascii", "BASIC", "ASCII only: a-z become A-Z, every other byte is unchanged.")
                .note("SpecialCasing", "EDGE_CASE", "One code point becomes several (SpecialCasing.txt): the reply"
                        + " is longer in code points and often in bytes. Simple per-character mapping gets these wrong. The same"
                        + " in Unicode 13.0 to 17.0.")
                .note("SimpleCasing", "BASIC", "One code point to one code point, sometimes of another UTF-8 length. The same in Unicode 13.0 to 17.0.")
                .note("DottedDotlessI", "EDGE_CASE", "i and \u0131 both become I; \u0130 stays: no Turkish rules,"
                        + " whatever the locale (REQ-ECHO-10).")
                .note("GreekSigma", "EDGE_CASE", "\u03c3 and final \u03c2 both become \u03a3; no context rules.")
                .note("CombiningMarks", "EDGE_CASE", "Combining marks are kept as they are, except U+0345, which has"
                        + " an upper-case mapping of its own (U+0399). No normalization.")
                .note("Supplementary", "EDGE_CASE", "Code points above U+FFFF (4-byte UTF-8, surrogate pairs in"
                        + " UTF-16).")
                .note("NoCase", "BASIC", "Characters without case (already upper case, CJK, digits): unchanged.")
                .note("Emoji", "BASIC", "Emoji, modifiers, ZWJ sequences and flags: unchanged, byte for byte.")
                .note("Empty", "EDGE_CASE", "The empty payload: an empty reply (REQ-ECHO-3).")
                .note("ControlBytes", "EDGE_CASE", "Payload bytes have no control meaning: a leading 0x0a, NUL"
                        + " (REQ-ECHO-6, REQ-ECHO-8).")
                .note("SpecialCodePoints", "EDGE_CASE", "Noncharacters, private use, an unassigned code point,"
                        + " U+FEFF at the start, U+FFFD: well-formed, accepted and echoed unchanged (REQ-ECHO-8).")
                .note("Utf8Boundary", "EDGE_CASE", "The first or last code point of a UTF-8 length class or of a"
                        + " row of the well-formedness table (spec section 10.2).")
                .note("SizeLimit", "EDGE_CASE", "A request of 16384 bytes, the largest a client can send. The"
                        + " expanding one gives a 49152-byte reply, the largest there is (section 10.4).")
                .note("Overlong", "MALFORMED", "An overlong encoding (including C0 80, Java's modified UTF-8 NUL).")
                .note("Surrogate", "MALFORMED", "An encoded UTF-16 surrogate (U+D800..U+DFFF), alone or as a CESU-8"
                        + " pair.")
                .note("OutOfRange", "MALFORMED", "A code point above U+10FFFF, or a 5- or 6-byte form.")
                .note("Truncated", "MALFORMED", "A multi-byte sequence cut short, at the end or before other bytes.")
                .note("StrayContinuation", "MALFORMED", "A continuation byte (80..BF) where a sequence must start.")
                .note("InvalidByte", "MALFORMED", "A byte that never occurs in UTF-8: C0, C1, F5..FF.")
                .note("WrongEncoding", "MALFORMED", "Text in another encoding: Latin-1, UTF-16.");

        group = file.group("EchoTest").param("validity", "well-formed");
        valid("empty payload", "", "Empty");
        valid("ASCII text", "hello, secho", "Ascii");
        valid("every ASCII byte 00..7f: only 61..7a change", allAscii(), "Ascii", "ControlBytes");
        valid("leading 0x0a (the lab's end-of-session byte) is ordinary text", "\nquit", "Ascii", "ControlBytes");
        valid("NUL inside text", "a\u0000b", "Ascii", "ControlBytes");

        valid("U+00DF \u00df -> SS", "stra\u00dfe", "SpecialCasing");
        valid("U+FB00..U+FB06 Latin ligatures -> FF FI FL FFI FFL ST ST", "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06",
                "SpecialCasing");
        valid("U+FB13..U+FB17 Armenian ligatures and U+0587 -> two capitals each",
                "\ufb13\ufb14\ufb15\ufb16\ufb17\u0587", "SpecialCasing");
        valid("U+0149 \u0149 -> U+02BC U+004E (2 bytes to 3)", "\u0149", "SpecialCasing");
        valid("U+01F0 \u01f0 -> J U+030C", "\u01f0", "SpecialCasing");
        valid("U+0390 \u0390 -> U+0399 U+0308 U+0301 (2 bytes to 6)", "\u0390", "SpecialCasing");
        valid("U+03B0 \u03b0 -> U+03A5 U+0308 U+0301 (2 bytes to 6)", "\u03b0", "SpecialCasing");
        valid("U+1E96..U+1E9A -> base letter and combining mark or U+02BE", "\u1e96\u1e97\u1e98\u1e99\u1e9a",
                "SpecialCasing");
        valid("U+1F50 U+1FE4 -> capital and U+0313", "\u1f50\u1fe4", "SpecialCasing");
        valid("Greek with ypogegrammeni U+1FB3 U+1FC3 U+1FF3 U+1F80 -> capital and U+0399",
                "\u1fb3\u1fc3\u1ff3\u1f80", "SpecialCasing");
        valid("U+1FBC (title case with prosgegrammeni) -> U+0391 U+0399", "\u1fbc", "SpecialCasing");
        valid("U+1FB7 -> U+0391 U+0342 U+0399", "\u1fb7", "SpecialCasing");

        valid("i and U+0131 dotless i -> I I", "i\u0131", "DottedDotlessI");
        valid("U+0130 capital I with dot stays", "\u0130", "DottedDotlessI");
        valid("i U+0307 -> I U+0307 (the combining dot stays)", "i\u0307", "DottedDotlessI", "CombiningMarks");
        valid("Turkish word with both i's", "\u0131s\u0131t\u0131c\u0131 i\u00e7in", "DottedDotlessI");
        valid("U+03C3 and final U+03C2 -> U+03A3 U+03A3", "\u03c3\u03c2", "GreekSigma");
        valid("Greek word ending in final sigma", "\u1f40\u03b4\u03c5\u03c3\u03c3\u03b5\u03cd\u03c2", "GreekSigma");
        valid("U+00B5 micro sign -> U+039C Greek capital mu", "\u00b5", "SimpleCasing");
        valid("U+017F long s -> S (2 bytes to 1)", "\u017f", "SimpleCasing");
        valid("U+00FF -> U+0178", "\u00ff", "SimpleCasing");
        valid("U+01C5 and U+01C6 (title and small dz with caron) -> U+01C4", "\u01c5\u01c6", "SimpleCasing");
        valid("Latin-1 accented letters", "\u00e0\u00e9\u00ee\u00f5\u00fc\u00e7\u00f1", "SimpleCasing");
        valid("Cyrillic", "\u043f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440", "SimpleCasing");
        valid("Armenian", "\u0562\u0561\u0580\u0565\u0582", "SimpleCasing");
        valid("Georgian Mkhedruli -> Mtavruli (mapping since Unicode 11.0)", "\u10d2\u10d0\u10db\u10d0\u10e0\u10ef\u10dd\u10d1\u10d0",
                "SimpleCasing");
        valid("U+24D0 circled a and U+2170 small roman one (3-byte)", "\u24d0\u2170", "SimpleCasing");
        valid("fullwidth a b c", "\uff41\uff42\uff43", "SimpleCasing");
        valid("U+10428 Deseret small long i -> U+10400", "\ud801\udc28", "SimpleCasing", "Supplementary");
        valid("U+0345 combining ypogegrammeni -> U+0399; alpha + U+0345 -> U+0391 U+0399", "\u0345 \u03b1\u0345",
                "CombiningMarks");
        valid("e U+0301 (decomposed \u00e9) -> E U+0301", "e\u0301", "CombiningMarks");
        valid("several combining marks on one letter", "a\u0308\u0323x", "CombiningMarks");
        valid("a lone combining mark", "\u0301", "CombiningMarks");

        valid("U+1E9E capital sharp s stays", "\u1e9e", "NoCase");
        valid("already upper case", "HELLO \u00c0\u0394\u0416", "NoCase");
        valid("CJK, Hangul, digits", "\u4f60\u597d \ud55c\uae00 0123456789", "NoCase");
        valid("emoji", "\ud83d\udc4b\ud83c\udf0d\ud83d\ude00", "Emoji", "Supplementary");
        valid("emoji with skin tone and a ZWJ family", "\ud83d\udc4d\ud83c\udffd \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
                "Emoji", "Supplementary");
        valid("flag and keycap sequences", "\ud83c\uddeb\ud83c\uddf7 1\ufe0f\u20e3", "Emoji", "Supplementary");
        valid("U+FEFF at the start is kept", "\ufeffabc", "SpecialCodePoints");
        valid("noncharacters U+FDD0 U+FFFE U+FFFF U+1FFFE U+10FFFF", "\ufdd0\ufffe\uffff\ud83f\udffe\udbff\udfff",
                "SpecialCodePoints", "Supplementary");
        valid("private use U+E000 U+F8FF U+F0000 U+10FFFD", "\ue000\uf8ff\udb80\udc00\udbff\udffd",
                "SpecialCodePoints", "Supplementary");
        valid("unassigned U+2FFFD (ideographic plane: can never get a case)", "\ud87f\udffd", "SpecialCodePoints",
                "Supplementary");
        valid("U+FFFD replacement character, sent as such", "\ufffd", "SpecialCodePoints");
        valid("U+0080 U+07FF U+0800 U+0FFF U+1000", "\u0080\u07ff\u0800\u0fff\u1000", "Utf8Boundary");
        valid("U+CFFF U+D000 U+D7FF U+E000 U+FFFF U+10000", "\ucfff\ud000\ud7ff\ue000\uffff\ud800\udc00",
                "Utf8Boundary", "Supplementary");
        valid("U+3FFFF U+40000 U+FFFFF U+100000 U+10FFFF", "\ud8bf\udfff\ud8c0\udc00\udbbf\udfff\udbc0\udc00\udbff\udfff",
                "Utf8Boundary", "Supplementary");
        valid("16384 x 'a': the largest request", "a".repeat(16384), "SizeLimit", "Ascii");
        valid("8192 x U+0390: the largest request with the largest expansion, a 49152-byte reply",
                "\u0390".repeat(8192), "SizeLimit", "SpecialCasing");

        group = file.group("EchoTest").param("validity", "ill-formed");
        String[][] invalid = {
            {"c0 80", "C0 80: overlong NUL (Java's modified UTF-8)", "Overlong"},
            {"c1 bf", "C1 BF: overlong U+007F", "Overlong"},
            {"c0 af", "C0 AF: overlong '/'", "Overlong"},
            {"e0 80 80", "E0 80 80: overlong NUL, 3 bytes", "Overlong"},
            {"e0 9f bf", "E0 9F BF: overlong U+07FF", "Overlong"},
            {"f0 80 80 80", "F0 80 80 80: overlong NUL, 4 bytes", "Overlong"},
            {"f0 8f bf bf", "F0 8F BF BF: overlong U+FFFF", "Overlong"},
            {"ed a0 80", "ED A0 80: U+D800", "Surrogate"},
            {"ed af bf", "ED AF BF: U+DBFF", "Surrogate"},
            {"ed b0 80", "ED B0 80: U+DC00", "Surrogate"},
            {"ed bf bf", "ED BF BF: U+DFFF", "Surrogate"},
            {"ed a0 bd ed b8 80", "CESU-8 surrogate pair for U+1F600", "Surrogate"},
            {"61 ed a0 80 62", "U+D800 between ASCII letters", "Surrogate"},
            {"f4 90 80 80", "F4 90 80 80: U+110000", "OutOfRange"},
            {"f5 80 80 80", "F5 80 80 80: lead byte above F4", "OutOfRange", "InvalidByte"},
            {"f7 bf bf bf", "F7 BF BF BF: U+1FFFFF", "OutOfRange", "InvalidByte"},
            {"f8 88 80 80 80", "5-byte form", "OutOfRange", "InvalidByte"},
            {"fc 84 80 80 80 80", "6-byte form", "OutOfRange", "InvalidByte"},
            {"c3", "C3 alone: 2-byte sequence without its continuation", "Truncated"},
            {"e2 82", "E2 82: 3-byte sequence (U+20AC) missing its last byte", "Truncated"},
            {"f0 9f 98", "F0 9F 98: 4-byte sequence missing its last byte", "Truncated"},
            {"61 62 63 e2 82", "valid text, then a truncated sequence at the end", "Truncated"},
            {"e2 82 41", "a truncated sequence followed by ASCII", "Truncated"},
            {"f0 9f 98 61", "a truncated 4-byte sequence followed by ASCII", "Truncated"},
            {"80", "80: a lone continuation byte", "StrayContinuation"},
            {"bf", "BF: a lone continuation byte", "StrayContinuation"},
            {"61 80 62", "a continuation byte between ASCII letters", "StrayContinuation"},
            {"c3 a9 a9", "a complete \u00e9 followed by an extra continuation byte", "StrayContinuation"},
            {"c0", "C0 alone", "InvalidByte"},
            {"c1", "C1 alone", "InvalidByte"},
            {"fe", "FE", "InvalidByte"},
            {"ff", "FF", "InvalidByte"},
            {"68 65 6c 6c 6f ff", "\"hello\" followed by FF", "InvalidByte"},
            {"73 74 72 61 df 65", "\"stra\u00dfe\" in Latin-1", "WrongEncoding"},
            {"ff fe 61 00", "\"a\" in UTF-16LE with its byte order mark", "WrongEncoding", "InvalidByte"},
            {"fe ff 00 61", "\"a\" in UTF-16BE with its byte order mark", "WrongEncoding", "InvalidByte"},
        };
        for (String[] row : invalid) {
            String[] flags = java.util.Arrays.copyOfRange(row, 2, row.length);
            invalid(row[1], Hex.decode(row[0].replace(" ", "")), flags);
        }
        byte[] almostLargest = ("a".repeat(16383) + "\u00e9").getBytes(StandardCharsets.UTF_8);
        invalid("16383 x 'a' then C3: the largest request, its last sequence truncated",
                java.util.Arrays.copyOf(almostLargest, 16384), "Truncated", "SizeLimit");
        return file;
    }

    private void valid(String comment, String input, String... flags) {
        byte[] request = input.getBytes(StandardCharsets.UTF_8);
        byte[] reply;
        try {
            reply = EchoTransform.apply(request);
        } catch (ProtocolException e) {
            throw new IllegalStateException("the reference implementation rejected a valid request: " + comment, e);
        }
        group.test(comment, flags).hex("input", request).hex("output", reply).valid();
    }

    /** The spec's answer to ill-formed UTF-8; the reference implementation is checked against it by the tests. */
    private void invalid(String comment, byte[] input, String... flags) {
        group.test(comment, flags).hex("input", input).invalid(AlertCode.BAD_PAYLOAD);
    }

    private static String allAscii() {
        StringBuilder out = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            out.append(c);
        }
        return out.toString();
    }
}
