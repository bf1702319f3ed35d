package io.secho.echo;

import io.secho.alert.AlertCode;
import io.secho.alert.ProtocolException;
import io.secho.wire.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EchoTransformTest {
    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private Locale savedDefault;
    private Locale savedFormat;
    private Locale savedDisplay;

    @BeforeEach
    void saveLocale() {
        savedDefault = Locale.getDefault();
        savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        savedDisplay = Locale.getDefault(Locale.Category.DISPLAY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(savedDefault);
        Locale.setDefault(Locale.Category.FORMAT, savedFormat);
        Locale.setDefault(Locale.Category.DISPLAY, savedDisplay);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of("ascii", "hello, world 123", "HELLO, WORLD 123"),
                Arguments.of("empty", "", ""),
                Arguments.of("sharp s", "stra\u00dfe", "STRASSE"),
                Arguments.of("fi ligature", "\ufb01", "FI"),
                Arguments.of("n preceded by apostrophe", "\u0149", "\u02bcN"),
                Arguments.of("iota with dialytika and tonos", "\u0390", "\u0399\u0308\u0301"),
                Arguments.of("latin small i", "i", "I"),
                Arguments.of("dotless i", "\u0131", "I"),
                Arguments.of("j with caron", "\u01f0", "J\u030c"),
                Arguments.of("greek final sigma", "\u03c2", "\u03a3"),
                Arguments.of("greek sigma word", "\u03bf\u03b4\u03bf\u03c2", "\u039f\u0394\u039f\u03a3"),
                Arguments.of("combining acute kept", "e\u0301", "E\u0301"),
                Arguments.of("several combining marks kept", "a\u0308\u0323x", "A\u0308\u0323X"),
                Arguments.of("lone combining mark", "\u0301", "\u0301"),
                Arguments.of("emoji", "\ud83d\ude00", "\ud83d\ude00"),
                Arguments.of("emoji with skin tone", "ok \ud83d\udc4d\ud83c\udffd", "OK \ud83d\udc4d\ud83c\udffd"),
                Arguments.of("NUL", "\u0000", "\u0000"),
                Arguments.of("NUL inside", "a\u0000b", "A\u0000B"),
                Arguments.of("dotted capital I stays", "\u0130", "\u0130"),
                Arguments.of("BOM is just a character", "\ufeffabc", "\ufeffABC"),
                Arguments.of("deseret (supplementary plane)", "\ud801\udc28", "\ud801\udc00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappings")
    void fullDefaultUpperCaseMapping(String name, String request, String reply) throws ProtocolException {
        assertArrayEquals(utf8(reply), EchoTransform.apply(utf8(request)), name + ": UTF-8 of the full upper-case");
        assertEquals(reply, EchoTransform.toUpperCase(request), name + ": toUpperCase");
    }

    @ParameterizedTest(name = "{0} under tr-TR")
    @MethodSource("mappings")
    void sameResultUnderTurkishDefaultLocale(String name, String request, String reply) throws ProtocolException {
        Locale.setDefault(TURKISH);
        assertEquals("\u0130", "i".toUpperCase(), "precondition: the tr-TR default locale is in effect");
        assertArrayEquals(utf8(reply), EchoTransform.apply(utf8(request)),
                name + ": the echo ignores the JVM default locale");
    }

    @Test
    void turkishLocaleDoesNotDotTheCapitalI() throws ProtocolException {
        Locale.setDefault(TURKISH);
        assertArrayEquals(utf8("I"), EchoTransform.apply(utf8("i")), "'i' -> 'I' (not U+0130) under tr-TR");
        assertArrayEquals(utf8("TITLE"), EchoTransform.apply(utf8("title")), "no dotted I anywhere under tr-TR");
    }

    @Test
    void maximalExpansionIsExactlyThreeFold() throws ProtocolException {
        String request = "\u0390".repeat(8192);
        byte[] requestBytes = utf8(request);
        assertEquals(16384, requestBytes.length, "precondition: 8192 x U+0390 is the maximal 16384-byte request");
        byte[] reply = EchoTransform.apply(requestBytes);
        assertEquals(49152, reply.length, "reply is 3 x 16384 = 49152 bytes, the reply limit");
        assertArrayEquals(utf8("\u0399\u0308\u0301".repeat(8192)), reply, "every U+0390 became U+0399 U+0308 U+0301");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "c080",          // overlong NUL
        "c0af",          // overlong '/'
        "c1bf",          // overlong 2-byte
        "e08080",        // overlong 3-byte NUL
        "e09fbf",        // overlong U+07FF
        "f0808080",      // overlong 4-byte NUL
        "f08fbfbf",      // overlong U+FFFF
        "eda080",        // encoded high surrogate D800
        "edbfbf",        // encoded low surrogate DFFF
        "eda0bdedb880",  // CESU-8 surrogate pair
        "f4908080",      // U+110000
        "f7bfbfbf",      // beyond U+10FFFF
        "e282",          // truncated 3-byte (euro sign)
        "41e282",        // valid then truncated at the end
        "f09f98",        // truncated 4-byte
        "c2",            // lone lead byte
        "c241",          // lead byte followed by ASCII
        "80",            // stray continuation
        "bf",            // stray continuation
        "41bf42",        // stray continuation between ASCII
        "fe", "ff", "c0", "c1", "f5", "f8", "fc",
        "f888808080",    // 5-byte form
        "fc8480808080",  // 6-byte form
    })
    void invalidUtf8IsBadPayload(String hex) {
        byte[] request = Hex.decode(hex);
        ProtocolException e = assertThrows(ProtocolException.class, () -> EchoTransform.apply(request),
                "ill-formed UTF-8 " + hex + " must be rejected");
        assertEquals(AlertCode.BAD_PAYLOAD, e.alert(), hex + ": bad_payload");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "efbfbf",    // U+FFFF
        "f48fbfbf",  // U+10FFFF
        "efbbbf",    // U+FEFF (BOM) is just a character
        "00",        // U+0000
        "7f",        // U+007F
        "c280",      // U+0080
        "dfbf",      // U+07FF
        "e0a080",    // U+0800
        "ed9fbf",    // U+D7FF, just below the surrogates
        "ee8080",    // U+E000, just above the surrogates
        "efbfbe",    // U+FFFE
        "f0908080",  // U+10000
    })
    void validEdgeCasesAreAcceptedUnchanged(String hex) throws ProtocolException {
        byte[] request = Hex.decode(hex);
        assertArrayEquals(request, EchoTransform.apply(request), hex + " is well-formed and has no upper-case mapping");
    }

    @Test
    void bomIsEchoedNotStripped() throws ProtocolException {
        assertArrayEquals(Hex.decode("efbbbf41"), EchoTransform.apply(Hex.decode("efbbbf61")),
                "a leading BOM stays in the reply, only 'a' changes");
    }
}
